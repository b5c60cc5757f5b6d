import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { machineDefaultsFile } from "../../../electron/services/settings/machine-defaults.js";
import { startSimulatorProcess, type SimulatorProcess } from "../../support/simulator-process.js";
import { expectNoSeriousViolations } from "./axe.js";
import { callApi, DEMO_PASSWORD, DEMO_USER, expect, test, untilServerSettled } from "./fixtures.js";
import { startBrowserShell, type BrowserShell } from "./shell.js";

/** IT's defaults file, at its real path below a temporary system root that the shell is given. */
async function shellWithDefaults(
  content: unknown,
): Promise<{ shell: BrowserShell; file: string; root: string }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-e2e-system-"));
  const file = machineDefaultsFile(process.platform, process.env, root);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  const shell = await startBrowserShell([], 60_000, { env: { CCMS_SYSTEM_ROOT: root } });
  await untilServerSettled(shell);
  return { shell, file, root };
}

const stops: Array<() => Promise<void> | void> = [];
test.afterEach(async ({ page }) => {
  // The page leaves the shell before it stops: a page losing its server mid-load would throw.
  await page.goto("about:blank");
  for (const stop of stops.splice(0).reverse()) await stop();
});

function keep(setup: { shell: BrowserShell; root: string }): BrowserShell {
  stops.push(() => fs.rmSync(setup.root, { recursive: true, force: true }));
  stops.push(() => setup.shell.stop());
  return setup.shell;
}

test("IT locks the server, the proxy mode and the language: the screens show them as set by IT, the API refuses changes, and sign-in goes to IT's server", async ({
  page,
}) => {
  const sim: SimulatorProcess = await startSimulatorProcess();
  stops.push(() => sim.stop());
  const shell = keep(
    await shellWithDefaults({
      server: { kind: "custom", url: `${sim.url}/sso`, caFile: sim.caFile },
      network: { mode: "none" },
      language: "zh-HK",
      locked: ["server", "network", "language"],
    }),
  );
  const setByIt = "此項由貴機構的資訊科技人員為這部電腦設定，不能在此更改。";
  await page.goto(shell.launchUrl);

  // The language: IT's, on a browser set to English, and not switchable.
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-HK");
  await expect(page.getByRole("heading", { name: "登入 CCMS" })).toBeVisible();
  const languages = page.getByRole("group", { name: "語言" });
  await expect(languages).toHaveAccessibleDescription(setByIt);
  await expect(page.getByRole("button", { name: "English" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "繁體中文" })).toHaveAttribute("aria-pressed", "true");

  // The server: IT's, shown and not changeable.
  const server = page.getByRole("group", { name: "雙重認證伺服器" });
  await expect(server).toHaveAccessibleDescription(setByIt);
  await expect(page.getByRole("radio", { name: "其他雙重認證伺服器" })).toBeChecked();
  await expect(page.getByRole("radio", { name: "內置模擬器" })).toBeDisabled();
  await expect(page.getByLabel("伺服器地址（https://…）")).toHaveValue(`${sim.url}/sso`);
  await expect(page.getByLabel("伺服器地址（https://…）")).toBeDisabled();
  await expectNoSeriousViolations(page, "login");

  // The proxy mode: IT's, shown and not changeable, with nothing to save.
  await page.getByRole("button", { name: "網絡設定（代理伺服器）" }).click();
  await expect(page.getByRole("heading", { name: "網絡設定" })).toBeVisible();
  await expect(page.getByRole("group", { name: "代理伺服器" })).toHaveAccessibleDescription(setByIt);
  await expect(page.getByRole("radio", { name: "不使用代理伺服器：直接連接" })).toBeChecked();
  await expect(page.getByRole("radio", { name: "使用此電腦的代理伺服器設定（建議）" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "儲存" })).toHaveCount(0);
  await expectNoSeriousViolations(page, "network");

  // Behind the screens, the API refuses to change either, saying why.
  for (const [method, input] of [
    ["app.setServer", { kind: "builtin" }],
    ["network.setProxy", { mode: "system" }],
  ] as const) {
    const answer = await callApi(page, { origin: shell.origin, apiToken: shell.token }, method, input);
    expect(answer.status, method).toBe(422);
    expect(answer.body).toMatchObject({ error: { code: "SETTING_LOCKED" } });
  }

  // And the sign-in goes to the server IT chose.
  await page.getByRole("button", { name: "返回登入" }).click();
  await page.getByLabel("用戶編號", { exact: true }).fill(DEMO_USER);
  await page.getByLabel("密碼", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登入", exact: true }).click();
  await expect(page.getByRole("heading", { name: "輸入一次性密碼" })).toBeVisible();
  await page.getByLabel("一次性密碼", { exact: true }).fill(await sim.latestOtp(DEMO_USER));
  await page.getByRole("button", { name: "核實" }).click();
  await expect(page.getByText("結算參與者")).toBeVisible();
});

test("IT presets the language and locks the server and the proxy: the person may change the language, and sees the locks in English", async ({
  page,
}) => {
  const shell = keep(
    await shellWithDefaults({
      server: { kind: "builtin" },
      network: { mode: "manual", proxy: "http://proxy.cp.example:8080" },
      language: "zh-HK",
      locked: ["server", "network"],
    }),
  );
  const setByIt = "Set by your IT staff for this computer; it cannot be changed here.";
  await page.goto(shell.launchUrl);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-HK");

  // A preset, not a lock: the person's choice wins, and stays.
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to CCMS" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Sign in to CCMS" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Language" })).not.toHaveAttribute("aria-describedby");

  await expect(page.getByRole("group", { name: "2FA server" })).toHaveAccessibleDescription(setByIt);
  await expect(page.getByRole("radio", { name: "Built-in simulator" })).toBeChecked();
  await expect(page.getByRole("radio", { name: "Another 2FA server" })).toBeDisabled();
  await expectNoSeriousViolations(page, "login");

  await page.getByRole("button", { name: "Network settings (proxy)" }).click();
  await expect(page.getByRole("group", { name: "Proxy" })).toHaveAccessibleDescription(setByIt);
  await expect(page.getByRole("radio", { name: "Use this proxy" })).toBeChecked();
  await expect(page.getByLabel("Proxy address (http://host:port)")).toHaveValue(
    "http://proxy.cp.example:8080",
  );
  await expect(page.getByLabel("Proxy address (http://host:port)")).toBeDisabled();
  await expectNoSeriousViolations(page, "network");
});

test("an invalid defaults file is reported with its name and the problem, in the app and the log, and none of it applies", async ({
  page,
}) => {
  const setup = await shellWithDefaults({
    language: "zh-HK",
    network: { mode: "manual", proxy: "http://it:secret@proxy.cp.example:8080" },
    locked: ["language", "network"],
  });
  const shell = keep(setup);
  await page.goto(shell.launchUrl);

  const warning = page.locator(".alert-warning").filter({ hasText: setup.file });
  await expect(warning).toContainText("is not valid and was ignored");
  await expect(warning).toContainText("network.proxy:");
  expect(shell.output()).toContain(`The machine-wide defaults file ${setup.file} is ignored: network.proxy:`);

  // Nothing of it applies: the browser's language, a switch that works, the app's own proxy setting.
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("button", { name: "繁體中文" })).toBeEnabled();
  await page.getByRole("button", { name: "Network settings (proxy)" }).click();
  await expect(
    page.getByRole("radio", { name: "Use this computer's proxy settings (recommended)" }),
  ).toBeChecked();
  await expect(page.getByRole("radio", { name: "No proxy: connect directly" })).toBeEnabled();
});
