import { expectNoSeriousViolations } from "./axe.js";
import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, callApi, expect, readOtpFromMailbox, signInWithPassword, test } from "./fixtures.js";

async function signInWithOtp(page: Page, userId: string) {
  await signInWithPassword(page, userId, DEMO_PASSWORD);
  const otp = await readOtpFromMailbox(page);
  await page.getByLabel("One-time password", { exact: true }).fill(otp);
  await page.keyboard.press("Enter");
  await expect(page.locator("main[data-screen=desktop]")).toBeVisible();
}

const row = (page: Page, userId: string) => page.locator(`tr[data-user-id="${userId}"]`);

test("a DA registers a user's email, sees it listed, and the user then gets OTPs there", async ({
  app: page,
  webShell,
}) => {
  await signInWithOtp(page, "demo.da");
  await page.getByRole("button", { name: "Email registration for 2FA" }).click();
  await expect(page.locator("main[data-screen=admin]")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Email registration for 2FA" })).toBeFocused();

  const table = page.getByRole("table", { name: /Users of participant CP001/ });
  await expect(table).toBeVisible();
  for (const header of ["User ID", "Name", "Role", "Email for 2FA", "Locked until", "Actions"]) {
    await expect(table.getByRole("columnheader", { name: header })).toBeVisible();
  }
  await expect(row(page, "demo.noemail")).toContainText("Lee Ka Yan");
  await expect(row(page, "demo.noemail").getByTestId("email-status")).toHaveText("Not registered");
  await expect(row(page, "demo.user").getByTestId("email-status")).toHaveText(/Registered\s+d\*+r@cp001/);
  await expect(row(page, "demo.da")).toContainText("Delegated Administrator");
  await expect(page.locator("tr[data-user-id='demo.hkcc']")).toHaveCount(0);
  await expectNoSeriousViolations(page, "the email registration list");

  await page.getByRole("button", { name: "Register email for demo.noemail" }).click();
  await expect(
    page.getByRole("heading", { name: "Register email for Lee Ka Yan (demo.noemail)" }),
  ).toBeVisible();
  const email = page.getByLabel("Email address", { exact: true });
  await expect(email).toBeFocused();

  await email.press("Enter");
  await expect(page.getByText("Enter the email address.")).toBeVisible();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await email.fill("lee.ka.yan@cp001");
  await email.press("Enter");
  await expect(page.getByText(/Enter a whole email address/)).toBeVisible();
  await expect(email).toBeFocused();
  await expectNoSeriousViolations(page, "the email form with a problem");

  await email.fill("lee.ka.yan@cp001.example.com");
  await email.press("Enter");
  await expect(page.getByRole("status")).toHaveText(
    "Email registered for demo.noemail: l********n@cp001.example.com. The user has been told by email.",
  );
  await expect(row(page, "demo.noemail").getByTestId("email-status")).toHaveText(
    /Registered\s+l\*+n@cp001\.example\.com/,
  );
  await expect(page.getByLabel("Email address", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Change email for demo.noemail" })).toBeFocused();

  // The list as the server now has it, not only as the page updated it.
  await page.getByRole("button", { name: "Refresh the list" }).click();
  await expect(page.getByRole("button", { name: "Refresh the list" })).toBeEnabled();
  await expect(row(page, "demo.noemail").getByTestId("email-status")).toHaveText(/Registered\s+l\*+n@/);
  const listed = await callApi(page, webShell, "admin.listUsers");
  expect(listed.status).toBe(200);
  expect(listed.body).toMatchObject({
    participant: "CP001",
    users: expect.arrayContaining([
      expect.objectContaining({ userId: "demo.noemail", emailRegistered: true }),
    ]),
  });
  await expectNoSeriousViolations(page, "the email registration screen after a registration");

  // The user can now sign in with 2FA: the OTP goes to the new address.
  await page.getByRole("button", { name: "Back to the desktop" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.locator("main[data-screen=login]")).toBeVisible();
  await signInWithPassword(page, "demo.noemail", DEMO_PASSWORD);
  await expect(page.locator("main[data-screen=otp]")).toBeVisible();
  await expect(page.getByText(/was sent to l\*+n@cp001\.example\.com/)).toBeVisible();
});

test("a DA unlocks a locked user from the list", async ({ app: page, webShell }) => {
  for (let i = 0; i < 5; i++) {
    await callApi(page, webShell, "auth.begin", { userId: "demo.newuser", password: "Wrong#2023pass" });
  }
  await callApi(page, webShell, "auth.cancel");
  await signInWithOtp(page, "demo.da");
  await page.getByRole("button", { name: "Email registration for 2FA" }).click();

  const locked = row(page, "demo.newuser");
  await expect(locked.locator("time.locked")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);
  await expectNoSeriousViolations(page, "the list with a locked user");
  await page.getByRole("button", { name: "Unlock demo.newuser" }).click();
  await expect(page.getByRole("status")).toHaveText("demo.newuser is unlocked and can sign in again.");
  await expect(locked).toContainText("Not locked");
  await expect(page.getByRole("button", { name: "Unlock demo.newuser" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Change email for demo.newuser" })).toBeFocused();

  // The unlocked user signs in, password and OTP, to their own desktop.
  await page.getByRole("button", { name: "Back to the desktop" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.locator("main[data-screen=login]")).toBeVisible();
  await signInWithOtp(page, "demo.newuser");
  await expect(page.getByTestId("session-user")).toContainText("demo.newuser");
});

test("a plain user sees no email registration, and the API refuses them", async ({ app: page, webShell }) => {
  await signInWithOtp(page, "demo.user");
  await expect(page.getByRole("button", { name: "Connectivity check" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Email registration for 2FA" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Migration readiness" })).toHaveCount(0);
  await expect(page.getByText("Email registration for 2FA")).toHaveCount(0);
  const refused = await callApi(page, webShell, "admin.listUsers");
  expect(refused).toMatchObject({ status: 422, body: { error: { code: "FORBIDDEN" } } });
});

test("the screen reads in Traditional Chinese", async ({ app: page }) => {
  await signInWithOtp(page, "demo.da");
  await page.getByRole("button", { name: "繁體中文" }).click();
  await page.getByRole("button", { name: "雙重認證電郵登記" }).click();
  await expect(page.getByRole("table", { name: /結算參與者 CP001 的用戶/ })).toBeVisible();
  await expect(row(page, "demo.noemail").getByTestId("email-status")).toHaveText("未登記");
  await page.getByRole("button", { name: "登記電郵（demo.noemail）" }).click();
  await expect(page.getByLabel("電郵地址", { exact: true })).toBeFocused();
  await expectNoSeriousViolations(page, "the email registration screen in Chinese");
  await page.keyboard.press("Escape");
  await expect(page.getByLabel("電郵地址", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "登記電郵（demo.noemail）" })).toBeFocused();
});
