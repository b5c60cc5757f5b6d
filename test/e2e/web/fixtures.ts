import { type Page } from "@playwright/test";
import { codeInEmail, test as kit, expect } from "../../../qa/index.js";
import { startBrowserShell, type BrowserShell } from "./shell.js";

export const DEMO_USER = "demo.user";
export const DEMO_PASSWORD = "Demo#2023pass";

interface Fixtures {
  /** The kit's terminal page: the browser shell against the worker's simulator, at the login screen. */
  app: Page;
  /** A browser shell of the test's own with the built-in simulator (no `--server`), settled. */
  builtinShell: BrowserShell;
  /** The page opened at `builtinShell`, showing the login screen. */
  builtinApp: Page;
}

/**
 * The suite runs on the QA kit (`qa/`): `app` is `terminal.page`, and each test leaves the worker's
 * simulator as it found it (reset: seeded users, real time, no faults), as a fresh one would be.
 */
export const test = kit.extend<Fixtures>({
  app: async ({ terminal, simulator }, use) => {
    await use(terminal.page);
    await simulator.reset();
  },
  builtinShell: async ({ context }, use) => {
    const shell = await startBrowserShell();
    try {
      await untilServerSettled(shell);
      await use(shell);
    } finally {
      // Its pages first, as the kit's web shell does (a page losing its server mid-load would throw).
      for (const page of context.pages()) await page.close();
      await shell.stop();
    }
  },
  // Like every page of a test, its uncaught errors fail the test (the kit's `pageErrors`).
  builtinApp: async ({ page, builtinShell }, use) => {
    await page.goto(builtinShell.launchUrl);
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
export async function callApi(
  page: Page,
  shell: { origin: string; apiToken: string } | null,
  method: string,
  input: unknown = {},
) {
  if (shell === null) throw new Error("callApi needs the browser shell");
  const response = await page.request.post(`${shell.origin}/api/${method}`, {
    headers: { Authorization: `Bearer ${shell.apiToken}`, "Content-Type": "application/json" },
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
  const code = codeInEmail(body);
  expect(code, "the newest email carries a one-time password").toBeTruthy();
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
