import type { Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe.js";
import { callApi, DEMO_PASSWORD, expect, test } from "./fixtures.js";

// Three seconds without input lock the terminal.
test.use({ shellArgs: ["--idle-lock-minutes", "0.05"] });

async function untilLocked(page: Page) {
  await expect(page.locator("main[data-screen=lock]")).toBeVisible({ timeout: 15_000 });
}

test("locks after the idle time, showing who is signed in and nothing else; unlocks by keyboard alone", async ({
  app: page,
  terminal,
  simulator,
  webShell,
}) => {
  await terminal.signInWithOtp({ userId: "demo.user", password: DEMO_PASSWORD });
  await untilLocked(page);
  await expect(page.getByTestId("locked-user")).toContainText("Chan Tai Man (demo.user)");
  await expect(page.getByTestId("locked-user")).toContainText("CP001");
  // Nothing of the session stays on the page.
  for (const gone of ["session-user", "recent-sign-ins", "session-participant"]) {
    await expect(page.getByTestId(gone)).toHaveCount(0);
  }
  await expect(page.getByRole("timer")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Functions" })).toHaveCount(0);
  // The session's data calls are refused while locked, whatever the page asks.
  expect(JSON.stringify((await callApi(page, webShell, "session.recentSignIns")).body)).toContain(
    "SESSION_LOCKED",
  );

  // A reload does not get round the lock.
  await page.reload();
  await untilLocked(page);

  // Keyboard only: focus is in the password field; a wrong password first, then the right one.
  const password = page.getByLabel("Password", { exact: true });
  await expect(password).toBeFocused();
  await page.keyboard.type("Wrong#password1");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: /not correct/ })).toBeVisible();
  await expect(page.locator("main[data-screen=lock]")).toBeVisible();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Shift+Tab");
  await expect(password).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.locator("main[data-screen=desktop]")).toBeVisible();
  await expect(page.getByTestId("session-user")).toContainText("demo.user");

  // The wrong password counted like any other, in the audit log.
  const outcomes = (await simulator.audit({ userId: "demo.user", event: "session.reauthenticate" })).map(
    (e) => e.outcome,
  );
  expect(outcomes.slice(-2)).toEqual(["failure", "success"]);
});

/** The page's clock, installed before the page loads: the test moves the page's time itself. */
const clocked = test.extend({
  page: async ({ page }, use) => {
    await page.clock.install();
    await use(page);
  },
});

clocked(
  "input within the idle time keeps the terminal unlocked, and it never locks before the idle time",
  async ({ app: page, terminal, simulator }) => {
    const locks: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === "/api/session.lock") locks.push(request.url());
    });
    /** Moves the page's time on, then gives a lock it asked for a moment to show. */
    const idleFor = async (ms: number) => {
      await page.clock.runFor(ms);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    };
    const desktop = page.locator("main[data-screen=desktop]");

    await terminal.signIn("demo.user", DEMO_PASSWORD);
    await terminal.otp.expectShown();
    // From here the page's time stands still but when the test moves it: the idle time is 3 s.
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 5_000);
    await terminal.enterOtp(await simulator.waitForOtp({ userId: "demo.user" }));
    await terminal.desktop.expectShown();

    // Just short of the idle time: not locked.
    await idleFor(2_900);
    expect(locks).toEqual([]);
    await expect(desktop).toBeVisible();
    // A key, then a mouse move, each within the idle time of the last input: still not locked, though
    // the terminal has been signed in for much longer than the idle time.
    await page.keyboard.press("Shift");
    await idleFor(2_900);
    await page.mouse.move(40, 40);
    await idleFor(2_900);
    expect(locks).toEqual([]);
    await expect(desktop).toBeVisible();
    // The idle time passes after the last input: locked, once.
    await idleFor(400);
    await untilLocked(page);
    expect(locks).toHaveLength(1);
  },
);

test("signs out from the lock screen", async ({ app: page, terminal, webShell }) => {
  await terminal.signInWithOtp({ userId: "demo.hkcc", password: DEMO_PASSWORD });
  await untilLocked(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.locator("main[data-screen=login]")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "You have signed out." })).toBeVisible();
  expect((await callApi(page, webShell, "auth.session")).body).toMatchObject({ session: null });
});

test("the lock screen in both languages has no serious axe violations", async ({ app: page, terminal }) => {
  await terminal.signInWithOtp({ userId: "demo.user", password: DEMO_PASSWORD });
  await untilLocked(page);
  await expectNoSeriousViolations(page, "the lock screen");
  await page.getByRole("button", { name: "繁體中文" }).click();
  await expect(page.getByRole("heading", { name: "此終端機已鎖定" })).toBeVisible();
  await expect(page.getByTestId("locked-user")).toContainText("已登入：Chan Tai Man（demo.user）");
  await expect(page.getByRole("button", { name: "解鎖" })).toBeVisible();
  await expect(page.getByRole("button", { name: "登出" })).toBeVisible();
  await expectNoSeriousViolations(page, "the lock screen in Chinese");
});
