import { test as base, expect, type Page } from "@playwright/test";
import { startBrowserShell, type BrowserShell } from "./shell.js";

export const DEMO_USER = "demo.user";
export const DEMO_PASSWORD = "Demo#2023pass";

interface Fixtures {
  /** Extra flags for `electron/web/cli.ts` (e.g. `--server`, `--ca`). */
  shellArgs: string[];
  /** A browser shell of this test's own, with a fresh data folder. */
  shell: BrowserShell;
  /** The page opened at the shell's launch address, showing the login screen. */
  app: Page;
}

export const test = base.extend<Fixtures>({
  shellArgs: [[], { option: true }],
  shell: async ({ shellArgs }, use) => {
    const shell = await startBrowserShell(shellArgs);
    try {
      await untilServerSettled(shell);
      await use(shell);
    } finally {
      await shell.stop();
    }
  },
  page: async ({ page }, use) => {
    // Any uncaught error in the page fails the test, whatever the test itself checks.
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await use(page);
    expect(pageErrors, "uncaught errors in the page").toEqual([]);
  },
  app: async ({ page, shell }, use) => {
    await page.goto(shell.launchUrl);
    await expect(page.locator("main[data-screen=login]")).toBeVisible();
    await use(page);
  },
});

export { expect };

/** The built-in simulator starts in its own process after the shell's "ready at" line: wait for it. */
export async function untilServerSettled(shell: BrowserShell): Promise<void> {
  await expect
    .poll(
      async () => {
        const response = await fetch(`${shell.origin}/api/app.info`, {
          method: "POST",
          headers: { Authorization: `Bearer ${shell.token}`, "Content-Type": "application/json" },
          body: "{}",
        });
        return ((await response.json()) as { server: { starting: boolean } }).server.starting;
      },
      { timeout: 60_000 },
    )
    .toBe(false);
}

/** Calls a contract method the way the page does, to look behind the UI (e.g. is the session revoked?). */
export async function callApi(page: Page, shell: BrowserShell, method: string, input: unknown = {}) {
  const response = await page.request.post(`${shell.origin}/api/${method}`, {
    headers: { Authorization: `Bearer ${shell.token}`, "Content-Type": "application/json" },
    data: input,
  });
  return { status: response.status(), body: (await response.json()) as unknown };
}

/** Opens the Simulated mailbox from the OTP screen, reads the newest code, and returns to the OTP screen. */
export async function readOtpFromMailbox(
  page: Page,
  labels = { open: "Open the simulated mailbox", back: "Back to the one-time password" },
): Promise<string> {
  await page.getByRole("button", { name: labels.open }).click();
  await expect(page.locator("main[data-screen=mailbox]")).toBeVisible();
  const newest = page.locator(".message").first();
  await expect(newest).toBeVisible();
  const body = await newest.locator(".message-body").innerText();
  const code = /\b(\d{6})\b/.exec(body)?.[1];
  expect(code, "the newest email carries a 6-digit code").toBeTruthy();
  await page.getByRole("button", { name: labels.back }).click();
  await expect(page.locator("main[data-screen=otp]")).toBeVisible();
  return code ?? "";
}

/** Fills and submits the login form with the mouse-free defaults. */
export async function signInWithPassword(page: Page, userId = DEMO_USER, password = DEMO_PASSWORD) {
  await page.getByLabel("User ID", { exact: true }).fill(userId);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
