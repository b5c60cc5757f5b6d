import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import type { Terminal } from "../../../qa/index.js";
import { machineDefaultsFile } from "../../../electron/services/settings/machine-defaults.js";
import { startConnectProxy } from "../../support/connect-proxy.js";
import { closedPort } from "../../support/ports.js";
import { Sweep } from "./english-sweep.js";
import { DEMO_PASSWORD, expect, test, untilServerSettled } from "./fixtures.js";
import { cleanNetworkEnv } from "./proxy-support.js";
import { startBrowserShell, startBrowserShellFor, type BrowserShell } from "./shell.js";
import { clockAhead } from "./sign-in-steps.js";

/**
 * Every screen and error state in Traditional Chinese, swept for English: what a person sees (the
 * visible text, and the names and hints given to controls) may hold names, codes, addresses, user IDs
 * and e-mail addresses, but no English sentence. The kit's page objects drive it in Chinese.
 */
test.use({ locale: "zh-HK" });

const alert = (page: Page) => page.getByRole("alert").filter({ hasText: /\S/ });

async function otpThenDesktop(terminal: Terminal, userId: string, code: () => Promise<string>) {
  await terminal.otp.expectShown();
  await terminal.enterOtp(await code());
  await terminal.desktop.expectShown();
}

test("sign-in, its errors and outcomes, the mailbox, the desktop, the connectivity check and the Network screen", async ({
  app: page,
  terminal,
  simulator,
}) => {
  const sweep = new Sweep(page);
  const { labels } = terminal;
  await sweep.check("login");
  await page.getByRole("button", { name: labels.text("rehearsal.open") }).click();
  await expect(page.getByRole("heading", { name: labels.text("rehearsal.title") })).toBeVisible();
  await sweep.check("login, rehearsal panel");
  await page.keyboard.press("Escape");
  await page.getByText(labels.text("practice.summary"), { exact: true }).click();
  await sweep.check("login, practice checklist");

  await terminal.login.submit.click();
  await expect(page.getByText(labels.text("login.userIdRequired"))).toBeVisible();
  await sweep.check("login, missing user ID");
  await terminal.signIn("demo.user", "Wrong#password1");
  await expect(alert(page)).toBeVisible();
  await sweep.check("login, wrong password");

  const locked = await simulator.createUser();
  for (let i = 0; i < 5; i += 1) {
    await terminal.signIn(locked.userId, "Wrong#password1");
    await expect(alert(page).or(page.locator("main[data-screen=outcome]")).first()).toBeVisible();
  }
  await expect(page.locator("main[data-screen=outcome]")).toBeVisible();
  await sweep.check("outcome, account locked");
  await page.getByText(labels.text("outcome.serverWords")).waitFor();
  await page.getByRole("button", { name: labels.text("common.backToSignIn") }).click();

  await terminal.signIn("demo.noemail", DEMO_PASSWORD);
  await expect(page.locator("main[data-screen=outcome]")).toBeVisible();
  await sweep.check("outcome, no email registered");
  await page.getByRole("button", { name: labels.text("common.backToSignIn") }).click();

  await terminal.signIn("demo.user", DEMO_PASSWORD);
  await terminal.otp.expectShown();
  await sweep.check("one-time password");
  await terminal.enterOtp("000000");
  await expect(alert(page)).toBeVisible();
  await sweep.check("one-time password, wrong code");
  await page.getByRole("button", { name: labels.text("otp.mailbox") }).click();
  await expect(page.locator(".message").first()).toBeVisible();
  await sweep.check("simulated mailbox");
  await page.getByRole("button", { name: labels.text("mailbox.back") }).click();
  await otpThenDesktop(terminal, "demo.user", () => simulator.waitForOtp({ userId: "demo.user" }));
  await expect(page.getByTestId("recent-sign-ins")).toContainText(/\d/);
  await sweep.check("desktop with recent sign-ins");

  // The connectivity check, driven through the kit's page object: an untrusted certificate, a
  // refused port, then a pass with the "send this result" form.
  await page.getByRole("button", { name: labels.prefix("desktop.connectivity") }).click();
  const check = terminal.connectivity;
  await check.expectShown();
  await check.target("url").check();
  await check.address.fill(`${simulator.url}/sso`);
  await check.run.click();
  await expect(check.summary).toBeVisible({ timeout: 30_000 });
  await expect(check.step("tls")).toContainText(labels.text("connectivity.status.fail"));
  await sweep.check("connectivity check, untrusted certificate");
  await check.address.fill(`https://127.0.0.1:${await closedPort()}/sso`);
  await check.run.click();
  await expect(check.step("tcp")).toContainText(labels.text("connectivity.status.fail"), { timeout: 30_000 });
  await sweep.check("connectivity check, refused port");
  await check.address.fill(`${simulator.url}/sso`);
  await check.moreOptions.click();
  await check.caFile.fill(simulator.caFile);
  await check.run.click();
  const send = page.getByRole("form", { name: labels.text("readiness.send.title") });
  await expect(send).toBeVisible({ timeout: 30_000 });
  await expect(check.step("page")).toContainText(labels.text("connectivity.status.pass"));
  await sweep.check("connectivity check, passed, with the send form");
  await send.getByRole("button", { name: labels.text("readiness.send.submit") }).click();
  await expect(send.getByRole("status")).toHaveText(/\S/);
  await sweep.check("connectivity check, result sent");

  await page.getByRole("button", { name: labels.text("admin.back") }).click();
  await terminal.desktop.signOut.click();
  await expect(terminal.login.notice).toHaveText(labels.text("notice.signedOut"));
  await sweep.check("login, signed out");
  await page.getByRole("button", { name: labels.text("login.networkSettings") }).click();
  await expect(page.getByRole("heading", { name: labels.text("network.title"), level: 1 })).toBeVisible();
  await sweep.check("Network screen");
  await page.getByRole("radio", { name: labels.text("network.mode.manual") }).check();
  await page.getByLabel(labels.text("network.manualProxy")).fill("proxy without a port");
  await page.getByRole("button", { name: labels.text("network.save") }).click();
  await expect(page.getByText(labels.text("network.manualInvalid"))).toBeVisible();
  await sweep.check("Network screen, invalid proxy");
  sweep.expectNone();
});

test("the parallel run's method choice, the smartcard and its errors, decommissioning and a password change, through the kit's page objects", async ({
  app: page,
  terminal,
  simulator,
}) => {
  const sweep = new Sweep(page);
  const { labels } = terminal;
  await simulator.setPhase("parallel-run");
  await terminal.signIn("demo.user", DEMO_PASSWORD);
  await terminal.methodChoice.expectShown();
  await expect(terminal.methodChoice.heading).toBeVisible();
  await sweep.check("method choice");
  await terminal.methodChoice.smartcard.click();
  await terminal.smartcard.expectShown();
  await expect(terminal.smartcard.heading).toBeVisible();
  await sweep.check("smartcard");
  const card = await simulator.issueCard({ userId: "demo.user", pin: "1234" });
  await terminal.smartcard.insertCardFile(card.file);
  await terminal.smartcard.simulatedReader.check();
  await terminal.smartcard.signIn("9999");
  await expect(alert(page)).toContainText(labels.text("smartcard.wrongPin_other", { count: 2 }));
  await sweep.check("smartcard, wrong PIN");
  await terminal.smartcard.signIn("1234");
  await terminal.desktop.expectShown();
  await sweep.check("desktop, signed in with the smartcard");
  await terminal.desktop.signOut.click();

  // The smartcard is chosen just after decommissioning: refused, with the app's own words.
  await terminal.signIn("demo.user", DEMO_PASSWORD);
  await terminal.methodChoice.expectShown();
  await simulator.setPhase("2fa-only");
  await terminal.methodChoice.smartcard.click();
  await expect(
    page.getByRole("heading", { name: labels.text("outcome.METHOD_DECOMMISSIONED.title") }),
  ).toBeVisible();
  await sweep.check("outcome, smartcard decommissioned");
  await page.getByRole("button", { name: labels.text("common.backToSignIn") }).click();

  const expired = await simulator.createUser({ passwordExpired: true });
  await terminal.signIn(expired.userId, expired.password);
  await terminal.passwordChange.expectShown();
  await expect(terminal.passwordChange.heading).toBeVisible();
  await sweep.check("password change");
  await terminal.passwordChange.newPassword.fill("short");
  await terminal.passwordChange.confirm.fill("different");
  await terminal.passwordChange.submit.click();
  await expect(page.getByText(/\S/).and(page.locator(".field-problem")).first()).toBeVisible();
  await sweep.check("password change, not met and not matching");
  await terminal.passwordChange.change(expired.password);
  await expect(alert(page)).toBeVisible();
  await sweep.check("password change, refused by the server");
  await terminal.passwordChange.change("New#Passw0rd-2023");
  await otpThenDesktop(terminal, expired.userId, () => simulator.waitForOtp({ userId: expired.userId }));
  sweep.expectNone();
});

test("the DA's email registration and readiness board, and the session's warning, lock and end", async ({
  app: page,
  terminal,
  simulator,
}) => {
  const sweep = new Sweep(page);
  const { labels } = terminal;
  await terminal.signInWithOtp({ userId: "demo.da", password: DEMO_PASSWORD });
  await sweep.check("desktop of a DA");
  await terminal.desktop.emailRegistration.click();
  const admin = terminal.admin;
  await expect(admin.heading).toBeVisible();
  await expect(admin.row("demo.noemail")).toBeVisible();
  await sweep.check("email registration");
  await page
    .getByRole("button", { name: labels.text("admin.registerFor", { userId: "demo.noemail" }) })
    .click();
  await admin.email.fill("not an address");
  await admin.save.click();
  await expect(page.getByText(labels.text("admin.form.emailInvalid"))).toBeVisible();
  await sweep.check("email registration, invalid address");
  await admin.email.fill("lee.ka.yan@cp001.example.com");
  await admin.save.click();
  await expect(admin.notice.filter({ hasText: "demo.noemail" })).toBeVisible();
  await sweep.check("email registration, registered");
  await admin.back.click();

  await page.getByRole("button", { name: labels.prefix("readiness.tile") }).click();
  await expect(page.locator("[data-board-state=ready]")).toBeVisible();
  await sweep.check("readiness board");
  const file = path.join(terminal.dataDir, "notes.json");
  fs.writeFileSync(file, "PC-ALPHA passed, all fine");
  await page.getByLabel(labels.text("readiness.upload.choose")).setInputFiles([file]);
  await page.getByRole("button", { name: labels.text("readiness.upload.submit_one", { count: 1 }) }).click();
  await expect(page.locator('[data-file="notes.json"] [role=alert]')).toBeVisible();
  await sweep.check("readiness board, a refused upload");
  await page.getByRole("button", { name: labels.text("admin.back") }).click();
  // The desktop's own calls (which extend the session) are answered before the clock moves.
  await terminal.desktop.expectShown();
  await clockAhead(simulator, 13.5 * 60_000);
  const dialog = page.getByRole("dialog", { name: labels.text("session.warning.title") });
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  await sweep.check("session expiry warning");
  await dialog.getByRole("button", { name: labels.text("session.warning.stay") }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: labels.text("desktop.lock") }).click();
  await expect(page.locator("main[data-screen=lock]")).toBeVisible();
  await sweep.check("lock screen");
  await page.getByLabel(labels.text("session.lock.password"), { exact: true }).fill("Wrong#password1");
  await page.keyboard.press("Enter");
  await expect(alert(page)).toBeVisible();
  await sweep.check("lock screen, wrong password");
  await page.getByLabel(labels.text("session.lock.password"), { exact: true }).fill(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await terminal.desktop.expectShown();
  await simulator.endSessions("demo.da");
  await expect(terminal.login.notice).toHaveText(labels.text("notice.ended.signed-out-elsewhere"), {
    timeout: 20_000,
  });
  await sweep.check("login, session ended elsewhere");
  sweep.expectNone();
});

test("a standalone simulator's trainer form, and a proxy asking for credentials where there is no keychain", async ({
  page,
  simulator,
}) => {
  const proxy = await startConnectProxy({ users: { "cp001-proxy": "Corp-Proxy-Pa55!word" } });
  const shells: BrowserShell[] = [];
  const sweep = new Sweep(page);
  try {
    // Without the simulator's control token: the trainer gives it, and a wrong one is refused.
    const plain = await startBrowserShellFor(simulator, { env: cleanNetworkEnv });
    shells.push(plain);
    await page.goto(plain.launchUrl);
    await page.getByText("培訓人員：控制此模擬器", { exact: true }).click();
    await sweep.check("login, trainer token form");
    await page.getByRole("button", { name: "使用此權杖" }).click();
    await expect(page.locator(".trainer-token .field-problem")).toBeVisible();
    await sweep.check("login, trainer token missing");
    await page.getByLabel("模擬器控制權杖").fill("not-the-token-1234");
    await page.getByRole("button", { name: "使用此權杖" }).click();
    await expect(page.locator("#trainer-token-error")).toHaveText(/\S/);
    await sweep.check("login, trainer token refused");

    const proxied = await startBrowserShellFor(simulator, {
      env: { ...cleanNetworkEnv, HTTPS_PROXY: proxy.url },
    });
    shells.push(proxied);
    await page.goto(proxied.launchUrl);
    await expect(page.locator("main[data-screen=login]")).toBeVisible();
    await page.getByLabel("用戶編號", { exact: true }).fill("demo.user");
    await page.getByLabel("密碼", { exact: true }).fill(DEMO_PASSWORD);
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await sweep.check("proxy credentials dialog");
    await dialog.getByRole("button", { name: "繼續" }).click();
    await expect(dialog.locator(".field-problem")).toBeVisible();
    await sweep.check("proxy credentials dialog, nothing entered");
    await page.keyboard.press("Escape");
    await expect(alert(page)).toBeVisible();
    await sweep.check("login, proxy authentication required");
    await page.getByRole("button", { name: "網絡設定（代理伺服器）" }).click();
    await expect(page.getByRole("heading", { name: "網絡設定", level: 1 })).toBeVisible();
    await expect(page.getByText(/無法使用此電腦的密碼匙圈/)).toBeVisible();
    await sweep.check("Network screen, environment proxy and no keychain");
    sweep.expectNone();
  } finally {
    for (const shell of shells) await shell.stop();
    await proxy.stop();
  }
});

test("IT's invalid defaults file, an unreadable CA file and the page opened without its key", async ({
  page,
}) => {
  const stops: Array<() => Promise<void> | void> = [];
  const sweep = new Sweep(page);
  try {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-e2e-system-"));
    stops.push(() => fs.rmSync(root, { recursive: true, force: true }));
    const file = machineDefaultsFile(process.platform, process.env, root);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      JSON.stringify({
        langauge: "zh-HK",
        network: { mode: "manual", proxy: "http://it:secret@proxy.cp.example:8080" },
        locked: ["server"],
      }),
    );
    const withDefaults = await startBrowserShell([], 60_000, { env: { CCMS_SYSTEM_ROOT: root } });
    stops.push(() => withDefaults.stop());
    await untilServerSettled(withDefaults);
    await page.goto(withDefaults.launchUrl);
    await expect(page.locator(".alert-warning").filter({ hasText: file })).toBeVisible();
    await sweep.check("login, IT's defaults file ignored");

    const missingCa = await startBrowserShell([
      "--server",
      "https://127.0.0.1:9/sso",
      "--ca",
      path.join(root, "no-such-ca.pem"),
    ]);
    stops.push(() => missingCa.stop());
    await page.goto(missingCa.launchUrl);
    await expect(page.locator(".alert-warning")).toBeVisible();
    await sweep.check("login, the CA file cannot be read");

    // A tab of its own: the key the page above keeps for its tab does not reach it.
    const keyless = await page.context().newPage();
    // The pages leave their shells before the shells stop, as the kit's fixtures do.
    stops.push(async () => {
      await keyless.close();
      await page.goto("about:blank");
    });
    await keyless.goto(`${missingCa.origin}/`);
    await expect(keyless.locator("main[data-screen=bridge-problem]")).toBeVisible();
    const keylessSweep = new Sweep(keyless);
    await keylessSweep.check("page opened without its key");
    keylessSweep.expectNone();
    sweep.expectNone();
  } finally {
    for (const stop of stops.reverse()) await stop();
  }
});
