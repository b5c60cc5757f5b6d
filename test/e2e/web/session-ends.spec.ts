import type { Page } from "@playwright/test";
import { callApi, expect, test } from "./fixtures.js";
import { useOwnSimulator } from "./own-simulator.js";
import { signInOverWire, signInToDesktop } from "./sign-in-steps.js";

// The simulator's defaults: a session ends after 15 idle minutes or 8 hours. The terminal's idle lock
// (10 minutes of real time) does not come into these tests, which move the simulator's clock instead.
const own = useOwnSimulator();
const minute = 60_000;

test.beforeEach(async ({ page }) => {
  expect((await own.sim.control("PUT", "/__sim/clock", {})).status).toBe(200);
  await callApi(page, own.shell, "auth.signOut");
  await page.goto(own.shell.launchUrl);
  await expect(page.locator("main[data-screen=login]")).toBeVisible();
});

async function moveClock(offsetMs: number) {
  expect((await own.sim.control("PUT", "/__sim/clock", { offsetMs })).status).toBe(200);
}

/** Back on the sign-in screen with the reason, in one sentence. */
async function expectEndedWith(page: Page, sentence: string | RegExp) {
  await expect(page.locator("main[data-screen=login]")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("status").filter({ hasText: sentence })).toBeVisible();
}

test("warns two minutes before the idle limit; Stay signed in extends the session on the server", async ({
  page,
}) => {
  await signInToDesktop(page, own.sim, "demo.user");
  const expiry = page.getByRole("timer");
  const before = Date.parse((await expiry.getAttribute("datetime")) ?? "");
  await moveClock(13.5 * minute);

  const dialog = page.getByRole("dialog", { name: "Your session is about to end" });
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  await expect(dialog).toContainText(/ends in [01]:\d\d unless you continue/);
  const stay = dialog.getByRole("button", { name: "Stay signed in" });
  await expect(stay).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect
    .poll(async () => Date.parse((await expiry.getAttribute("datetime")) ?? "") - before)
    .toBeGreaterThan(13 * minute);
  await expect(page.locator("main[data-screen=desktop]")).toBeVisible();
});

test("idle: after the server's idle limit the app returns to sign-in and says why", async ({ page }) => {
  await signInToDesktop(page, own.sim, "demo.user");
  await moveClock(16 * minute);
  await expectEndedWith(
    page,
    "Your CCMS session ended after 15 minutes without activity. Please sign in again.",
  );
});

test("signed out elsewhere: the control API ends the user's sessions", async ({ page }) => {
  await signInToDesktop(page, own.sim, "demo.user");
  const ended = await own.sim.control("POST", "/__sim/users/demo.user/sessions/end", {});
  // At least this page's session (a session of an earlier test may be alive again: the clock went back).
  expect(ended.body).toMatchObject({ reason: "signed-out-elsewhere" });
  expect((ended.body as { ended: number }).ended).toBeGreaterThanOrEqual(1);
  await expectEndedWith(page, "Your CCMS session was ended from elsewhere. Please sign in again.");
});

test("the DA locked the account: the session ends, and the sign-in screen says so", async ({ page }) => {
  await signInToDesktop(page, own.sim, "demo.user");
  const da = await signInOverWire(own.sim, "demo.da");
  const locked = await own.sim.call("POST", "/sso/api/v1/admin/users/demo.user/lock", undefined, da);
  expect(locked.status).toBe(200);
  try {
    await expectEndedWith(
      page,
      "Your CCMS session ended because your account was locked. Ask your Delegated Administrator (DA) to unlock it.",
    );
  } finally {
    expect((await own.sim.control("POST", "/__sim/users/demo.user/unlock")).status).toBe(200);
  }
});

test("signed out in another window of the app", async ({ page }) => {
  await signInToDesktop(page, own.sim, "demo.user");
  await callApi(page, own.shell, "auth.signOut");
  await expectEndedWith(page, "You signed out in another window of the CCMS Terminal.");
});

test("the simulator reset, in Chinese", async ({ page }) => {
  await page.getByRole("button", { name: "繁體中文" }).click();
  await page.getByLabel("用戶編號", { exact: true }).fill("demo.user");
  await page.getByLabel("密碼", { exact: true }).fill("Demo#2023pass");
  await page.getByRole("button", { name: "登入", exact: true }).click();
  await expect(page.locator("main[data-screen=otp]")).toBeVisible();
  await page.getByLabel("一次性密碼", { exact: true }).fill(await own.sim.latestOtp("demo.user"));
  await page.keyboard.press("Enter");
  await expect(page.locator("main[data-screen=desktop]")).toBeVisible();
  expect((await own.sim.control("POST", "/__sim/reset")).status).toBe(200);
  await expectEndedWith(page, "模擬器已重設，因此您的 CCMS 登入時段已結束，請重新登入。");
  await page.getByRole("button", { name: "English" }).click();
});

test("Lock screen on the desktop locks at once", async ({ page }) => {
  await signInToDesktop(page, own.sim, "demo.user");
  await page.getByRole("button", { name: "Lock screen" }).click();
  await expect(page.locator("main[data-screen=lock]")).toBeVisible();
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
});
