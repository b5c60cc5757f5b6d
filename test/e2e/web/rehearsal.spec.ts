import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe.js";
import { DEMO_PASSWORD, expect, readOtpFromMailbox, signInWithPassword, test } from "./fixtures.js";

const banner = (page: Page) => page.getByRole("complementary", { name: "Simulated environment" });
const panel = (page: Page) => page.getByRole("region", { name: "Rehearsal" });
const practiceItem = (page: Page, title: string) => page.getByRole("listitem").filter({ hasText: title });

async function openRehearsal(page: Page) {
  const toggle = banner(page).getByRole("button", { name: "Rehearsal" });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await expect(panel(page)).toBeVisible();
}

async function moveTo(page: Page, moment: string) {
  await openRehearsal(page);
  await panel(page).getByRole("radio", { name: moment }).check();
  await panel(page).getByRole("button", { name: "Move to this moment" }).click();
  await expect(panel(page).getByRole("status")).toContainText("The simulator is now at");
}

async function moveToCustom(page: Page, hongKongTime: string, shown: string) {
  await openRehearsal(page);
  await panel(page).getByRole("radio", { name: "Custom date and time" }).check();
  await panel(page).getByLabel("Date and time (Hong Kong time)").fill(hongKongTime);
  await panel(page).getByRole("button", { name: "Move to this moment" }).click();
  await expect(panel(page).getByRole("status")).toContainText(`The simulator is now at ${shown}`);
}

async function signInWithOtp(page: Page, userId = "demo.user") {
  await signInWithPassword(page, userId, DEMO_PASSWORD);
  if (await page.locator("main[data-screen=methodChoice]").isVisible()) {
    await page.getByRole("button", { name: "Two-factor authentication (recommended)" }).click();
  }
  const otp = await readOtpFromMailbox(page);
  await page.getByLabel("One-time password", { exact: true }).fill(otp);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.locator("main[data-screen=desktop]")).toBeVisible();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.locator("main[data-screen=login]")).toBeVisible();
}

test.describe("rehearsing the migration from the app, with the built-in simulator", () => {
  test("launch day, a practice card, decommissioning and a situation, each ticked on the checklist", async ({
    builtinApp: page,
  }) => {
    // The built-in simulator follows the real clock: smartcard decommissioned.
    await expect(banner(page)).toContainText("2FA only: smartcard decommissioned");
    await page.getByText("Practice checklist", { exact: true }).click();
    await expect(page.getByText("Sign in once, and your practice checklist appears here.")).toBeVisible();

    await moveTo(page, "Launch day of the parallel run");
    await expect(panel(page).getByRole("status")).toHaveText(
      "The simulator is now at 29 May 2023, 09:00 HKT: Parallel run: 2FA, smartcard as fallback.",
    );
    await expect(banner(page)).toContainText("Parallel run: 2FA, smartcard as fallback");
    await expect(banner(page)).toContainText("29 May 2023");
    await banner(page).getByRole("button", { name: "Rehearsal" }).click();
    await expect(panel(page)).toHaveCount(0);

    // A card holder, the smartcard, a practice card with a PIN of the trainee's own.
    await signInWithPassword(page, "demo.user", DEMO_PASSWORD);
    await page.getByRole("button", { name: "Smartcard", exact: true }).click();
    await expect(page.locator("main[data-screen=smartcard]")).toBeVisible();
    const practice = page.getByRole("region", { name: "Practice card" });
    await expect(practice).toContainText("practice card for demo.user");
    await practice.getByLabel("PIN for the practice card").fill("2468");
    await practice.getByRole("button", { name: "Issue a practice card" }).click();
    await expect(practice.getByRole("status")).toHaveText(
      "A practice card for demo.user is in CCMS Simulated Reader. Enter its PIN below to sign in.",
    );
    await expect(
      page.locator("label.reader", { hasText: "CCMS Simulated Reader" }).getByRole("radio"),
    ).toBeChecked();
    await expect(page.getByTestId("pin-tries")).toHaveText(/3 PIN tries left/);
    await page.getByLabel("Card PIN", { exact: true }).fill("2468");
    await page.getByRole("button", { name: "Sign in with smartcard" }).click();
    await expect(page.locator("main[data-screen=desktop]")).toBeVisible();
    const fallback = practiceItem(page, "Fall back to the smartcard during the parallel run");
    await expect(fallback).toContainText("Done");
    await expect(fallback).toContainText("During the parallel run, from late May 2023");
    await expect(practiceItem(page, "Sign in with the emailed one-time password")).toContainText("Not yet");
    await signOut(page);

    // A wrong code, then the right one: two more ticks.
    await signInWithPassword(page, "demo.user", DEMO_PASSWORD);
    await page.getByRole("button", { name: "Two-factor authentication (recommended)" }).click();
    await page.getByLabel("One-time password", { exact: true }).fill("000000");
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.locator("#otp-error, [role=alert]").filter({ hasText: "not correct" })).toBeVisible();
    const otp = await readOtpFromMailbox(page);
    await page.getByLabel("One-time password", { exact: true }).fill(otp);
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(practiceItem(page, "Sign in with the emailed one-time password")).toContainText("Done");
    await expect(practiceItem(page, "Recover from a wrong code")).toContainText("Done");
    await signOut(page);

    // Ten minutes before decommissioning (a moment of the trainer's own), a card holder is offered the card…
    await moveToCustom(page, "2023-07-30T23:50", "30 Jul 2023, 23:50 HKT");
    await page.keyboard.press("Escape");
    await signInWithPassword(page, "demo.user", DEMO_PASSWORD);
    await expect(page.locator("main[data-screen=methodChoice]")).toBeVisible();
    // …and the clock passes decommissioning before it is chosen: the smartcard is refused, with why.
    // (A minute past it: the sign-in step, 15 minutes long, is still alive however slow the machine.)
    await moveToCustom(page, "2023-07-31T00:01", "31 Jul 2023, 00:01 HKT");
    await expect(banner(page)).toContainText("2FA only: smartcard decommissioned");
    await page.keyboard.press("Escape");
    await expect(panel(page)).toHaveCount(0);
    await page.getByRole("button", { name: "Smartcard", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Smartcard sign-in has ended" })).toBeVisible();
    await expect(page.getByRole("alert")).toContainText("Smartcard authentication has been decommissioned");
    await expect(page.getByText("The server says: Smartcard sign-in was decommissioned on")).toBeVisible();
    await page.getByRole("button", { name: "Back to sign in" }).click();

    await moveTo(page, "After decommissioning");
    await expect(banner(page)).toContainText("1 Aug 2023");
    await page.keyboard.press("Escape");
    await signInWithOtp(page);
    await expect(practiceItem(page, "Sign in once the smartcard is decommissioned")).toContainText("Done");
    // No longer offered now that the card is gone.
    await expect(practiceItem(page, "Fall back to the smartcard during the parallel run")).toHaveCount(0);
    await expect(practiceItem(page, "Run the connectivity check")).toContainText("Not yet");
    await signOut(page);

    // The connectivity check leaves its trace for the user practising.
    await page.getByRole("button", { name: "Check connectivity to the 2FA server" }).click();
    await page.getByRole("radio", { name: "The built-in simulator" }).check();
    await page.getByRole("button", { name: "Run the check" }).click();
    await expect(page.getByText("This PC reaches the 2FA sign-in page. Nothing to do.")).toBeVisible();
    await page.getByRole("button", { name: "Back to sign in" }).click();
    await page.getByText("Practice checklist", { exact: true }).click();
    await expect(practiceItem(page, "Run the connectivity check")).toContainText("Done");

    // A situation on top of the moment: a user without email gets the guidance.
    await openRehearsal(page);
    const situation = panel(page).getByRole("radio", { name: "User without email" });
    await expect(situation).toHaveAccessibleDescription(
      /Sign in as noemail\.cheung.*password NoMail#Yet2023/,
    );
    await situation.check();
    await panel(page).getByRole("button", { name: "Apply this situation" }).click();
    await expect(panel(page).getByRole("status")).toHaveText("Situation in force: User without email.");
    await expect(banner(page)).toContainText("1 Aug 2023");
    await signInWithPassword(page, "noemail.cheung", "NoMail#Yet2023");
    await expect(page.getByRole("heading", { name: "No email address registered" })).toBeVisible();
    await expect(page.getByRole("alert")).toContainText("Ask your Delegated Administrator (DA)");
    await page.getByRole("button", { name: "Back to sign in" }).click();

    // Start over: the seeded users, the same moment, the record kept.
    await openRehearsal(page);
    await panel(page).getByRole("button", { name: "Start over" }).click();
    await expect(panel(page).getByRole("status")).toHaveText(
      "Started over: the seeded users, at 1 Aug 2023, 09:00 HKT.",
    );
    await signInWithPassword(page, "noemail.cheung", "NoMail#Yet2023");
    await expect(page.locator("#login-error")).toContainText("The user ID or password is not correct");

    await page.getByText("Practice checklist", { exact: true }).click();
    await expect(practiceItem(page, "Sign in once the smartcard is decommissioned")).toContainText("Done");
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Save the rehearsal record (HTML)" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^rehearsal-record-demo\.user-\d{8}\.html$/);
    const html = fs.readFileSync(await file.path(), "utf8");
    expect(html).toContain("Rehearsal record");
    expect(html).toContain("演練記錄");
    expect(html).toContain("Fall back to the smartcard during the parallel run");
    expect(html).toContain("在並行期內改用智能卡作後備");
  });

  test("three wrong PINs block the practice card; a new one from the same screen signs in", async ({
    builtinApp: page,
  }) => {
    await moveTo(page, "Before 2FA (smartcard only)");
    await expect(banner(page)).toContainText("Before 2FA launch: smartcard only");
    await page.keyboard.press("Escape");
    await signInWithPassword(page, "demo.da", DEMO_PASSWORD);
    await expect(page.locator("main[data-screen=smartcard]")).toBeVisible();
    const practice = page.getByRole("region", { name: "Practice card" });
    await practice.getByLabel("PIN for the practice card").fill("1357");
    await practice.getByRole("button", { name: "Issue a practice card" }).click();
    await expect(practice.getByRole("status")).toContainText("is in CCMS Simulated Reader");

    const pin = page.getByLabel("Card PIN", { exact: true });
    const submit = page.getByRole("button", { name: "Sign in with smartcard" });
    for (const left of ["2 tries left", "1 try left"]) {
      await pin.fill("0000");
      await submit.click();
      await expect(page.locator("#smartcard-error")).toContainText(left);
    }
    await pin.fill("0000");
    await submit.click();
    await expect(page.locator("#smartcard-error")).toHaveAttribute("data-code", "CARD_BLOCKED");
    await expect(page.getByTestId("pin-tries")).toContainText("This card is blocked");
    await expect(submit).toBeDisabled();

    await practice.getByLabel("PIN for the practice card").fill("8642");
    await practice.getByRole("button", { name: "Issue a practice card" }).click();
    await expect(page.getByTestId("pin-tries")).toHaveText(/3 PIN tries left/);
    await expect(page.locator("#smartcard-error")).toBeEmpty();
    await pin.fill("8642");
    await submit.click();
    await expect(page.locator("main[data-screen=desktop]")).toBeVisible();
    await expect(page.getByTestId("session-user")).toContainText("demo.da");
    // Before launch, a DA's checklist offers the email registration and the connectivity check.
    await expect(practiceItem(page, "As a DA, register a user's email")).toContainText(
      "DAs register the 2FA email",
    );
    await expect(practiceItem(page, "Run the connectivity check")).toBeVisible();
    await expect(practiceItem(page, "Sign in with the emailed one-time password")).toHaveCount(0);
  });

  test("the rehearsal works with the keyboard alone", async ({ builtinApp: page }) => {
    const toggle = banner(page).getByRole("button", { name: "Rehearsal" });
    await expect(page.getByLabel("User ID", { exact: true })).toBeFocused();
    await tabTo(page, toggle, "Shift+Tab");
    await page.keyboard.press("Enter");
    await expect(panel(page).getByRole("heading", { name: "Rehearsal" })).toBeFocused();
    // Tab lands on the moment in force (the real clock); arrow keys move within the moments, wrapping round.
    await tabTo(
      page,
      panel(page).getByRole("group", { name: "Simulated moment" }).getByRole("radio", { checked: true }),
    );
    const launchDay = panel(page).getByRole("radio", { name: "Launch day of the parallel run" });
    for (let i = 0; i < 6 && !(await launchDay.isChecked()); i++) await page.keyboard.press("ArrowDown");
    await expect(launchDay).toBeChecked();
    await tabTo(page, panel(page).getByRole("button", { name: "Move to this moment" }));
    await page.keyboard.press("Enter");
    await expect(panel(page).getByRole("status")).toContainText("29 May 2023, 09:00 HKT");
    await expect(banner(page)).toContainText("Parallel run");
    await page.keyboard.press("Escape");
    await expect(toggle).toBeFocused();
    await expect(toggle).toHaveAttribute("aria-expanded", "false");

    await tabTo(page, page.getByLabel("User ID", { exact: true }));
    await page.keyboard.type("demo.user");
    await page.keyboard.press("Tab");
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Choose how to sign in" })).toBeFocused();
    await tabTo(page, page.getByRole("button", { name: "Smartcard", exact: true }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Sign in with your smartcard" })).toBeFocused();
    await tabTo(page, page.getByLabel("PIN for the practice card"));
    await page.keyboard.type("2468");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("practice-card-issued")).toContainText("CCMS Simulated Reader");
    await tabTo(page, page.getByLabel("Card PIN", { exact: true }));
    await page.keyboard.type("2468");
    await page.keyboard.press("Enter");
    await expect(page.locator("main[data-screen=desktop]")).toBeVisible();
    await expect(practiceItem(page, "Fall back to the smartcard during the parallel run")).toContainText(
      "Done",
    );
    await tabTo(page, page.getByRole("button", { name: "Save the rehearsal record (HTML)" }));
    const download = page.waitForEvent("download");
    await page.keyboard.press("Enter");
    expect((await download).suggestedFilename()).toMatch(/\.html$/);
  });

  test("in Chinese, and with no serious axe findings on the new panels in either language", async ({
    builtinApp: page,
  }) => {
    await openRehearsal(page);
    await expectNoSeriousViolations(page, "rehearsal panel, English", { screen: "login" });
    await page.getByText("Practice checklist", { exact: true }).click();
    await expectNoSeriousViolations(page, "login with the practice checklist, English", { screen: "login" });

    await page.getByRole("button", { name: "繁體中文" }).click();
    const bannerZh = page.getByRole("complementary", { name: "模擬環境" });
    const panelZh = page.getByRole("region", { name: "演練" });
    await expect(panelZh).toBeVisible();
    await panelZh.getByRole("radio", { name: "並行期首日" }).check();
    await panelZh.getByRole("button", { name: "移至此時刻" }).click();
    await expect(panelZh.getByRole("status")).toContainText("模擬器現處於");
    await expect(bannerZh).toContainText("並行期");
    await expect(panelZh.getByRole("radio", { name: "未登記電郵的用戶" })).toBeVisible();
    await expectNoSeriousViolations(page, "rehearsal panel, Chinese", { screen: "login" });
    await bannerZh.getByRole("button", { name: "演練" }).click();

    await page.getByLabel("用戶編號", { exact: true }).fill("demo.user");
    await page.getByLabel("密碼", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "登入", exact: true }).click();
    await page.getByRole("button", { name: "智能卡", exact: true }).click();
    const practiceZh = page.getByRole("region", { name: "練習智能卡" });
    await practiceZh.getByLabel("練習智能卡的 PIN 碼").fill("2468");
    await practiceZh.getByRole("button", { name: "發出練習智能卡" }).click();
    await expect(practiceZh.getByRole("status")).toContainText(
      "demo.user 的練習智能卡已放入 CCMS Simulated Reader",
    );
    await expectNoSeriousViolations(page, "practice card, Chinese", { screen: "smartcard" });
    await page.getByLabel("智能卡 PIN 碼", { exact: true }).fill("2468");
    await page.getByRole("button", { name: "使用智能卡登入" }).click();
    await expect(page.locator("main[data-screen=desktop]")).toBeVisible();
    await expect(practiceItem(page, "在並行期內改用智能卡作後備")).toContainText("已完成");
    await expect(practiceItem(page, "在並行期內改用智能卡作後備")).toContainText("2023 年 5 月下旬");
    await expectNoSeriousViolations(page, "practice checklist, Chinese", { screen: "desktop" });

    await page.getByRole("button", { name: "English" }).click();
    await expect(practiceItem(page, "Fall back to the smartcard during the parallel run")).toContainText(
      "Done",
    );
    await expectNoSeriousViolations(page, "practice checklist, English", { screen: "desktop" });
  });
});

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails if it is never reached. */
async function tabTo(page: Page, target: ReturnType<Page["locator"]>, key: "Tab" | "Shift+Tab" = "Tab") {
  for (let i = 0; i < 40; i++) {
    if (
      await target.evaluate(
        (element) =>
          element ===
          (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
      )
    )
      return;
    await page.keyboard.press(key);
  }
  await expect(target, "reached with the keyboard").toBeFocused();
}
