import type { Page } from "@playwright/test";
import { callApi, DEMO_PASSWORD, expect, test } from "./fixtures.js";
import { callSimulator, clockAhead, signInOverWire } from "./sign-in-steps.js";

// The simulator's defaults: a session ends after 15 idle minutes or 8 hours. The terminal's idle lock
// (10 minutes of real time) does not come into these tests, which move the simulator's clock instead.
const minute = 60_000;
const demoUser = { userId: "demo.user", password: DEMO_PASSWORD };

/** Back on the sign-in screen with the reason, in one sentence. */
async function expectEndedWith(page: Page, sentence: string | RegExp) {
  await expect(page.locator("main[data-screen=login]")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("status").filter({ hasText: sentence })).toBeVisible();
}

test("warns two minutes before the idle limit; Stay signed in extends the session on the server", async ({
  app: page,
  terminal,
  simulator,
}) => {
  await terminal.signInWithOtp(demoUser);
  const expiry = terminal.desktop.sessionExpiry;
  const before = Date.parse((await expiry.getAttribute("datetime")) ?? "");
  await clockAhead(simulator, 13.5 * minute);

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
  await terminal.desktop.expectShown();
});

test("idle: after the server's idle limit the app returns to sign-in and says why", async ({
  app: page,
  terminal,
  simulator,
}) => {
  await terminal.signInWithOtp(demoUser);
  await clockAhead(simulator, 16 * minute);
  await expectEndedWith(
    page,
    "Your CCMS session ended after 15 minutes without activity. Please sign in again.",
  );
});

test("signed out elsewhere: the control API ends the user's sessions", async ({
  app: page,
  terminal,
  simulator,
}) => {
  await terminal.signInWithOtp(demoUser);
  expect(await simulator.endSessions("demo.user")).toEqual({
    userId: "demo.user",
    reason: "signed-out-elsewhere",
    ended: 1,
  });
  await expectEndedWith(page, "Your CCMS session was ended from elsewhere. Please sign in again.");
});

test("the DA locked the account: the session ends, and the sign-in screen says so", async ({
  app: page,
  terminal,
  simulator,
}) => {
  await terminal.signInWithOtp(demoUser);
  const da = await signInOverWire(simulator, "demo.da");
  const locked = await callSimulator(
    simulator,
    "POST",
    "/sso/api/v1/admin/users/demo.user/lock",
    undefined,
    da,
  );
  expect(locked.status).toBe(200);
  await expectEndedWith(
    page,
    "Your CCMS session ended because your account was locked. Ask your Delegated Administrator (DA) to unlock it.",
  );
});

test("signed out in another window of the app", async ({ app: page, terminal, webShell }) => {
  await terminal.signInWithOtp(demoUser);
  await callApi(page, webShell, "auth.signOut");
  await expectEndedWith(page, "You signed out in another window of the CCMS Terminal.");
});

test.describe("in Chinese", () => {
  test.use({ locale: "zh-HK" });

  test("the simulator reset", async ({ app: page, terminal, simulator }) => {
    await terminal.signInWithOtp(demoUser);
    await simulator.reset();
    await expectEndedWith(page, "模擬器已重設，因此您的 CCMS 登入時段已結束，請重新登入。");
  });
});

test("Lock screen on the desktop locks at once", async ({ app: page, terminal }) => {
  await terminal.signInWithOtp(demoUser);
  await page.getByRole("button", { name: "Lock screen" }).click();
  await expect(page.locator("main[data-screen=lock]")).toBeVisible();
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
});
