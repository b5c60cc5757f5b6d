import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { startConnectProxy, type TestProxy } from "../../support/connect-proxy.js";
import {
  keyringUnavailableReason,
  startKeyringSession,
  type KeyringSession,
} from "../../support/keyring-session.js";
import { startSimulatorProcess, type SimulatorProcess } from "../../support/simulator-process.js";
import { DEMO_PASSWORD, DEMO_USER, expect, signInWithPassword, test } from "./fixtures.js";
import { cleanNetworkEnv, leaksOf, proxyDialogName } from "./proxy-support.js";
import { startBrowserShellFor, stopShellUnder, type BrowserShell } from "./shell.js";

const PROXY_USER = "cp001-keychain";
const PROXY_PASSWORD = "Remembered-Pr0xy-Pass";

const unavailable = keyringUnavailableReason();
if (unavailable) console.warn(`Skipping the keychain spec: ${unavailable}.`);

test.describe("proxy credentials remembered in the OS keychain (GNOME Keyring on a private D-Bus session)", () => {
  test.describe.configure({ mode: "serial" });
  test.skip(unavailable !== null, `no Secret Service can be started here: ${unavailable ?? ""}`);

  let keyring: KeyringSession;
  let sim: SimulatorProcess;
  let proxy: TestProxy;
  let dataDir: string;
  let shell: BrowserShell | null = null;
  const printed: string[] = [];

  test.beforeAll(async () => {
    keyring = await startKeyringSession();
    sim = await startSimulatorProcess();
    proxy = await startConnectProxy({ users: { [PROXY_USER]: PROXY_PASSWORD } });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-e2e-keychain-"));
  });

  test.afterAll(async () => {
    await shell?.stop();
    await proxy?.stop();
    await sim?.stop();
    await keyring?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** (Re)starts the shell on the same data folder, in the keyring's session, behind the proxy. */
  async function restartShell(page: Page): Promise<BrowserShell> {
    if (shell) {
      await stopShellUnder(page, shell);
      printed.push(shell.output());
    }
    shell = await startBrowserShellFor(sim, {
      dataDir,
      env: { ...cleanNetworkEnv, ...keyring.env, HTTPS_PROXY: proxy.url },
    });
    return shell;
  }

  test("remembers them on this computer, uses them after a restart without asking, and forgets them", async ({
    page,
  }) => {
    let current = await restartShell(page);
    await page.goto(current.launchUrl);
    await signInWithPassword(page);
    const dialog = page.getByRole("dialog", { name: proxyDialogName });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("Proxy user name").fill(PROXY_USER);
    await dialog.getByLabel("Proxy password").fill(PROXY_PASSWORD);
    await dialog.getByLabel("Remember on this computer").check();
    await dialog.getByRole("button", { name: "Continue" }).click();
    await expect(page.locator("main[data-screen=otp]")).toBeVisible();
    await page.getByLabel("One-time password", { exact: true }).fill(await sim.latestOtp(DEMO_USER));
    await page.keyboard.press("Enter");
    await expect(page.locator("main[data-screen=desktop]")).toBeVisible();

    // The app starts again: the keychain still has them, and the sign-in does not ask.
    current = await restartShell(page);
    const tunnelsBefore = proxy.log.length;
    await page.goto(current.launchUrl);
    await expect(page.locator("main[data-screen=login]")).toBeVisible();
    await page.getByRole("button", { name: "Network settings (proxy)" }).click();
    const credentials = page.getByRole("region", { name: "Proxy user names and passwords" });
    await expect(credentials).toContainText("Remembered ones are kept in this computer's keychain");
    await expect(credentials.getByRole("row", { name: new RegExp(proxy.endpoint) })).toContainText(
      `${PROXY_USER}Remembered on this computer`,
    );
    await page.getByRole("button", { name: "Back to sign in" }).click();
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("main[data-screen=otp]")).toBeVisible();
    await expect(dialog).toHaveCount(0);
    expect(proxy.log.slice(tunnelsBefore)).toContainEqual({
      authority: new URL(sim.url).host,
      user: PROXY_USER,
      status: 200,
    });
    await page.getByRole("button", { name: "Back", exact: true }).click();
    await expect(page.locator("main[data-screen=login]")).toBeVisible();

    // Forget: gone from the keychain, so the next start asks again.
    await page.getByRole("button", { name: "Network settings (proxy)" }).click();
    await credentials
      .getByRole("button", { name: `Forget the user name and password for ${proxy.endpoint}` })
      .click();
    await expect(credentials).toContainText("None.");
    current = await restartShell(page);
    await page.goto(current.launchUrl);
    await signInWithPassword(page);
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Cancel" }).click();

    await stopShellUnder(page, current);
    printed.push(current.output());
    shell = null;
    // Neither the data folder, the keyring's home nor anything printed holds the password in the clear.
    expect(
      leaksOf([PROXY_PASSWORD, DEMO_PASSWORD], [dataDir, keyring.home], { printed: printed.join("") }),
    ).toEqual([]);
  });
});
