import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  DEMO_USER,
  expect,
  readOtpFromMailbox,
  signInWithPassword,
  test,
  untilServerSettled,
} from "./fixtures.js";
import { startBrowserShell, stopShellUnder, type BrowserShell } from "./shell.js";

test("the last user ID is remembered for the server, never the password, and Not you? forgets it", async ({
  page,
}) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-e2e-user-"));
  let shell: BrowserShell | null = await startBrowserShell([], 60_000, { dataDir });
  try {
    await untilServerSettled(shell);
    await page.goto(shell.launchUrl);
    await signInWithPassword(page);
    await page.getByLabel("One-time password", { exact: true }).fill(await readOtpFromMailbox(page));
    await page.keyboard.press("Enter");
    await expect(page.locator("main[data-screen=desktop]")).toBeVisible();
    await stopShellUnder(page, shell);

    shell = await startBrowserShell([], 60_000, { dataDir });
    await page.goto(shell.launchUrl);
    await expect(page.getByLabel("User ID", { exact: true })).toHaveValue(DEMO_USER);
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
    const settings = fs.readFileSync(path.join(dataDir, "settings.json"), "utf8");
    expect(JSON.parse(settings)).toMatchObject({ lastUserIds: { builtin: DEMO_USER } });
    expect(settings).not.toContain("Demo#2023pass");

    await page.getByRole("button", { name: `Not ${DEMO_USER}? Use another user ID` }).click();
    await expect(page.getByLabel("User ID", { exact: true })).toHaveValue("");
    await expect(page.getByLabel("User ID", { exact: true })).toBeFocused();
    await page.reload();
    await expect(page.locator("main[data-screen=login]")).toBeVisible();
    await expect(page.getByLabel("User ID", { exact: true })).toHaveValue("");
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, "settings.json"), "utf8"))).toMatchObject({
      lastUserIds: {},
    });
  } finally {
    if (shell) await stopShellUnder(page, shell);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
