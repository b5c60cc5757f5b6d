import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { closedPort } from "../../support/ports.js";
import { startConnectProxy, type TestProxy } from "../../support/connect-proxy.js";
import { startSimulatorProcess, type SimulatorProcess } from "../../support/simulator-process.js";
import { DEMO_PASSWORD, DEMO_USER, expect, signInWithPassword, test } from "./fixtures.js";
import { expectNoSeriousViolations } from "./axe.js";
import { api, cleanNetworkEnv, filesUnder, leaksOf, proxyDialogName, runCheck } from "./proxy-support.js";
import { startBrowserShellFor, type BrowserShell, type ShellOptions } from "./shell.js";

const PROXY_USER = "cp001-proxy";
const PROXY_PASSWORD = "Corp-Proxy-Pa55!word";
const WRONG_PASSWORD = "Not-The-Proxy-Pa55";

let sim: SimulatorProcess;
let proxy: TestProxy;
let refusing: TestProxy;
const shells: BrowserShell[] = [];
/** Data folders of this spec's shells, searched for secrets at the end. */
const dataDirs: string[] = [];

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  sim = await startSimulatorProcess();
  proxy = await startConnectProxy({ users: { [PROXY_USER]: PROXY_PASSWORD } });
  refusing = await startConnectProxy({ refuse: () => 403 });
});

test.afterAll(async () => {
  for (const shell of shells.splice(0)) await shell.stop();
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  await proxy?.stop();
  await refusing?.stop();
  await sim?.stop();
});

async function shellWith(options: ShellOptions, args: string[] = []): Promise<BrowserShell> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-e2e-proxy-"));
  dataDirs.push(dataDir);
  const shell = await startBrowserShellFor(
    sim,
    { ...options, dataDir, env: { ...cleanNetworkEnv, ...options.env } },
    args,
  );
  shells.push(shell);
  return shell;
}

async function open(page: Page, shell: BrowserShell): Promise<void> {
  await page.goto(shell.launchUrl);
  await expect(page.locator("main[data-screen=login]")).toBeVisible();
}

async function finishWithOtp(page: Page): Promise<void> {
  await expect(page.locator("main[data-screen=otp]")).toBeVisible();
  await page.getByLabel("One-time password", { exact: true }).fill(await sim.latestOtp(DEMO_USER));
  await page.keyboard.press("Enter");
  await expect(page.locator("main[data-screen=desktop]")).toBeVisible();
}

async function answerDialog(page: Page, user: string, password: string): Promise<void> {
  const dialog = page.getByRole("dialog", { name: proxyDialogName });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Proxy user name")).toBeFocused();
  await dialog.getByLabel("Proxy user name").fill(user);
  await dialog.getByLabel("Proxy password").fill(password);
  await dialog.getByRole("button", { name: "Continue" }).click();
}

const alertText = (page: Page) => page.getByRole("alert").filter({ hasText: /\S/ });
const simAuthority = () => new URL(sim.url).host;
const checkUrl = () => `${sim.url}/sso`;

test("HTTPS_PROXY: the proxy's 407 asks once; wrong then right credentials; password + OTP through the tunnel", async ({
  page,
}) => {
  const shell = await shellWith({ env: { HTTPS_PROXY: proxy.url } });
  await open(page, shell);

  // The check and the sign-in give the same answer: credentials wanted.
  const before = await runCheck(page, shell, checkUrl(), sim.caFile);
  expect(before.step("proxy").detail).toContain(`HTTPS_PROXY names the proxy ${proxy.endpoint}`);
  expect(before.step("tcp")).toMatchObject({ status: "fail", code: "PROXY_AUTH_REQUIRED" });

  await signInWithPassword(page);
  const dialog = page.getByRole("dialog", { name: proxyDialogName });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`The proxy ${proxy.endpoint}`);
  // No keychain in this shell's session: the dialog says so, and offers no remembering.
  await expect(dialog).toContainText("cannot remember them here");
  await expect(dialog.getByLabel("Remember on this computer")).toHaveCount(0);
  await expect(dialog.getByText("not your CCMS password")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(alertText(page)).toHaveText(
    new RegExp(`The proxy ${proxy.endpoint} asks for a user name and password`),
  );

  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await answerDialog(page, PROXY_USER, WRONG_PASSWORD);
  await expect(dialog).toContainText(`The proxy ${proxy.endpoint} refused the user name and password`);
  const refused = await runCheck(page, shell, checkUrl(), sim.caFile);
  expect(refused.step("tcp")).toMatchObject({ status: "fail", code: "PROXY_AUTH_FAILED" });

  await dialog.getByLabel("Proxy password").fill(PROXY_PASSWORD);
  await dialog.getByRole("button", { name: "Continue" }).click();
  await finishWithOtp(page);

  // The proxy's log: the tunnel to the simulator, refused twice, then opened for this user.
  expect(proxy.log.filter((entry) => entry.authority === simAuthority())).toEqual(
    expect.arrayContaining([
      { authority: simAuthority(), user: null, status: 407 },
      { authority: simAuthority(), user: PROXY_USER, status: 407 },
      { authority: simAuthority(), user: PROXY_USER, status: 200 },
    ]),
  );
  const after = await runCheck(page, shell, checkUrl(), sim.caFile);
  expect(after.steps.map((step) => step.status)).toEqual(["pass", "pass", "pass", "pass", "pass", "pass"]);
  expect(after.step("tcp").detail).toContain(
    `The proxy ${proxy.endpoint} opened a tunnel to ${simAuthority()}`,
  );
});

test("the manual setting on the Network screen, reachable before signing in", async ({ page }) => {
  const shell = await shellWith({});
  await open(page, shell);
  await page.getByRole("button", { name: "Network settings (proxy)" }).click();
  await expect(page.getByRole("heading", { name: "Network settings", level: 1 })).toBeFocused();
  const route = page.getByRole("region", { name: "In effect for the 2FA server" });
  await expect(route).toContainText("Direct connection");
  await expect(route).toContainText("No proxy environment variable (HTTPS_PROXY) is set");

  await page.getByLabel("Use this proxy").check();
  await page.getByLabel("Proxy address (http://host:port)").fill("proxy.example.com");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Enter the proxy as http://host:port")).toBeVisible();
  await page.getByLabel("Proxy address (http://host:port)").fill(proxy.url);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(route).toContainText(`Proxy ${proxy.endpoint}`);
  await expect(route).toContainText("The setting above names this proxy.");
  expect(JSON.parse(fs.readFileSync(path.join(shell.dataDir, "settings.json"), "utf8"))).toMatchObject({
    network: { mode: "manual", proxy: proxy.url },
  });

  await page.getByRole("button", { name: "Back to sign in" }).click();
  await signInWithPassword(page);
  await answerDialog(page, PROXY_USER, PROXY_PASSWORD);
  await finishWithOtp(page);
  expect(proxy.log.at(-1)).toEqual({ authority: simAuthority(), user: PROXY_USER, status: 200 });

  // Credentials of this session are listed (not remembered: no keychain here), and can be forgotten.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Network settings (proxy)" }).click();
  const credentials = page.getByRole("region", { name: "Proxy user names and passwords" });
  await expect(credentials).toContainText("This computer's keychain cannot be used");
  await expect(credentials.getByRole("row", { name: new RegExp(proxy.endpoint) })).toContainText(
    `${PROXY_USER}This session only`,
  );
  await credentials
    .getByRole("button", { name: `Forget the user name and password for ${proxy.endpoint}` })
    .click();
  await expect(credentials).toContainText("None.");
});

test("a proxy that is down: the sign-in and the check name it alike", async ({ page }) => {
  const down = await closedPort();
  const shell = await shellWith({}, ["--proxy", `http://127.0.0.1:${down}`]);
  await open(page, shell);
  await signInWithPassword(page);
  await expect(alertText(page)).toHaveText(new RegExp(`The proxy 127.0.0.1:${down} cannot be reached`));
  const check = await runCheck(page, shell, checkUrl(), sim.caFile);
  expect(check.step("proxy").detail).toContain(`--proxy names the proxy 127.0.0.1:${down}`);
  expect(check.step("tcp")).toMatchObject({ status: "fail", code: "PROXY_UNREACHABLE" });
  expect(check.step("tcp").detail).toContain("connection refused");
});

test("a proxy refusing the tunnel: its status in the sign-in and in the check", async ({ page }) => {
  const shell = await shellWith({ env: { https_proxy: refusing.url } });
  await open(page, shell);
  await signInWithPassword(page);
  await expect(alertText(page)).toHaveText(
    new RegExp(`The proxy ${refusing.endpoint} refused the connection to the 2FA server \\(HTTP 403\\)`),
  );
  const check = await runCheck(page, shell, checkUrl(), sim.caFile);
  expect(check.step("tcp")).toMatchObject({ status: "fail", code: "PROXY_TUNNEL_REFUSED" });
  expect(check.step("tcp").detail).toContain("HTTP 403 Forbidden");
  expect(refusing.log).toContainEqual({ authority: simAuthority(), user: null, status: 403 });
});

test("NO_PROXY bypasses the proxy for the 2FA server, in the sign-in and in the check", async ({ page }) => {
  const shell = await shellWith({ env: { HTTPS_PROXY: refusing.url, NO_PROXY: "localhost,127.0.0.1" } });
  const seen = refusing.log.length;
  await open(page, shell);
  await signInWithPassword(page);
  await finishWithOtp(page);
  const check = await runCheck(page, shell, checkUrl(), sim.caFile);
  expect(check.step("proxy").detail).toContain("NO_PROXY exempts 127.0.0.1");
  expect(check.step("tcp").status).toBe("pass");
  expect(refusing.log).toHaveLength(seen);
  const view = await api(page, shell, "network.view");
  expect(view["route"]).toMatchObject({ source: "environment", via: "NO_PROXY", hops: [{ kind: "direct" }] });
});

test("the dialog and the Network screen have no serious axe violations, in English and Chinese", async ({
  page,
}) => {
  const shell = await shellWith({ env: { HTTPS_PROXY: proxy.url } });
  await open(page, shell);
  for (const language of ["English", "繁體中文"]) {
    if (language === "繁體中文") await page.getByRole("button", { name: language }).click();
    await page.getByLabel(language === "English" ? "User ID" : "用戶編號", { exact: true }).fill(DEMO_USER);
    await page.getByLabel(language === "English" ? "Password" : "密碼", { exact: true }).fill(DEMO_PASSWORD);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("dialog")).toBeVisible();
    await expectNoSeriousViolations(page, `the proxy dialog, ${language}`);
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toBeHidden();
  }
  await page.getByRole("button", { name: "網絡設定（代理伺服器）" }).click();
  await expect(page.getByRole("heading", { name: "網絡設定", level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page, "the Network settings, Chinese");
});

test("no password is in any file the app wrote or any line it printed during these tests", async () => {
  const printed: Record<string, string> = {};
  for (const shell of shells.splice(0)) {
    await shell.stop();
    printed[`the shell at ${shell.origin}`] = shell.output();
  }
  const secrets = [PROXY_PASSWORD, WRONG_PASSWORD, DEMO_PASSWORD];
  const basic = Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString("base64");
  // The search itself finds what it looks for.
  expect(leaksOf([basic], [], { control: `Proxy-Authorization: Basic ${basic}` })).toHaveLength(1);
  const written = dataDirs.flatMap((dir) => filesUnder(dir)).map((file) => path.basename(file));
  // The settings and the app's log (the shell's lines, the simulator's stderr, the page's errors) among them.
  expect(written).toContain("settings.json");
  expect(written).toContain("ccms-terminal.log");
  expect(Object.values(printed).join("")).toContain("CCMS Terminal ready at");
  expect(leaksOf([...secrets, basic], dataDirs, printed)).toEqual([]);
});
