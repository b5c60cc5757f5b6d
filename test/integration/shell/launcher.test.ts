import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  browserShellCommand,
  downloadFailure,
  electronBinary,
  sandboxAdvice,
  stopPlan,
} from "../../../bin/launch-plan.mjs";
import { projectRoot as root } from "../../support/electron-bundles.js";
import { skipWhen } from "../../support/skip-when.js";
import { compilersIn, processTree } from "../../support/process-tree.js";

const dirs: string[] = [];
const tempDir = (label: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ccms-launch-${label}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Chromium's words when its SUID sandbox helper is not set up (Electron dies with them at start). */
const suidFailure =
  "[4242:FATAL:setuid_sandbox_host.cc(158)] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I'm aborting now. You need to make sure that /opt/x/chrome-sandbox is owned by root and has mode 4755.";

/**
 * A fake Electron dist for ELECTRON_OVERRIDE_DIST_PATH: an `electron` executable (a Node script)
 * that records how it was started and the signals it got, and behaves as `FAKE_ELECTRON` says.
 */
function fakeDist(): { dist: string; log: string } {
  const dist = tempDir("dist");
  const log = path.join(dist, "log.jsonl");
  const script = String.raw`#!/usr/bin/env node
const fs = require("node:fs");
const note = (entry) => fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(entry) + "\n");
note({ argv: process.argv.slice(2) });
const mode = process.env.FAKE_ELECTRON;
if (mode === "sandbox") {
  process.stderr.write(${JSON.stringify(suidFailure)} + "\n");
  process.kill(process.pid, "SIGTRAP");
}
if (mode === "app") {
  let signals = 0;
  // As Electron does on SIGINT: quit gracefully (before-quit), which takes a moment.
  process.on("SIGINT", () => {
    signals += 1;
    note({ signal: "SIGINT", count: signals });
    if (signals === 1) setTimeout(() => { note({ quit: signals }); process.exit(0); }, 400);
  });
  process.stdout.write("window open\n");
  setInterval(() => {}, 1000);
}
`;
  fs.writeFileSync(path.join(dist, "electron"), script, { mode: 0o755 });
  fs.writeFileSync(path.join(dist, "chrome-sandbox"), "", { mode: 0o755 });
  return { dist, log };
}

function readLog(log: string): Record<string, unknown>[] {
  return fs.existsSync(log)
    ? fs
        .readFileSync(log, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>)
    : [];
}

/** Runs the launcher like `npm start` does, in a process group of its own (a terminal's foreground group). */
function launch(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [path.join(root, "bin/electron-start.mjs"), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

describe("the launcher's decisions", () => {
  it("starts the built browser shell with this Node, no TypeScript loader, no node_modules/.bin script", () => {
    const command = browserShellCommand(root, process.execPath, ["--port", "0"]);
    expect(command).toEqual({
      file: process.execPath,
      args: [
        "--max-semi-space-size=1",
        "--optimize-for-size",
        path.join(root, "dist-qa/web-shell.cjs"),
        "--port",
        "0",
      ],
    });
  });

  it("lets Ctrl+C reach the app once: the terminal sends it to the whole group, so it is not passed on", () => {
    expect(stopPlan("SIGINT", "linux", "electron")).toEqual({ action: "none" });
    expect(stopPlan("SIGINT", "darwin", "browser shell")).toEqual({ action: "none" });
    expect(stopPlan("SIGTERM", "linux", "electron")).toEqual({ action: "signal", signal: "SIGTERM" });
  });

  it("on Windows closes the app's window (so before-quit runs) instead of killing it", () => {
    expect(stopPlan("SIGINT", "win32", "electron")).toEqual({ action: "close-windows" });
    expect(stopPlan("SIGTERM", "win32", "electron")).toEqual({ action: "close-windows" });
    expect(stopPlan("SIGINT", "win32", "browser shell")).toEqual({ action: "none" });
  });

  it("says in one line why Electron's installer failed, without its stack trace", () => {
    const output = [
      "RequestError: getaddrinfo ENOTFOUND github.com",
      "    at ClientRequest.<anonymous> (/x/node_modules/got/dist/source/core/index.js:970:111)",
      "    at Object.onceWrapper (node:events:639:26)",
    ].join("\n");
    expect(downloadFailure(output)).toBe("RequestError: getaddrinfo ENOTFOUND github.com");
    expect(downloadFailure("\n   \n")).toBe("no reason given");
  });

  it("finds Electron's binary as electron's own index.js does, ELECTRON_OVERRIDE_DIST_PATH first", () => {
    const { dist } = fakeDist();
    const electronDir = tempDir("electron-pkg");
    expect(electronBinary(electronDir, { ELECTRON_OVERRIDE_DIST_PATH: dist })).toBe(
      path.join(dist, "electron"),
    );
    expect(electronBinary(electronDir, {})).toBeNull();
    expect(electronBinary(electronDir, { ELECTRON_OVERRIDE_DIST_PATH: tempDir("empty") })).toBeNull();
  });

  it("explains a refused sandbox with the exact commands that fix it, never --no-sandbox", () => {
    const binary = "/home/p/ccms/node_modules/electron/dist/electron";
    const advice = sandboxAdvice(suidFailure, binary, {
      sandboxOwner: 1000,
      sandboxMode: 0o100755,
      usernsRestricted: true,
    });
    expect(advice).not.toBeNull();
    const text = (advice ?? []).join("\n");
    expect(text).toContain("owned by uid 1000 with mode 755, but must be owned by root with mode 4755");
    expect(text).toContain("kernel.apparmor_restrict_unprivileged_userns = 1");
    expect(advice).toContain(
      "       sudo chown root:root '/home/p/ccms/node_modules/electron/dist/chrome-sandbox'",
    );
    expect(advice).toContain(
      "       sudo chmod 4755 '/home/p/ccms/node_modules/electron/dist/chrome-sandbox'",
    );
    expect(text).toContain("sudo apparmor_parser -r /etc/apparmor.d/ccms-terminal-electron");
    expect(text).toContain(`'${binary}' | sudo tee /etc/apparmor.d/ccms-terminal-electron`);
    expect(text).not.toMatch(/--no-sandbox/);
    expect(
      sandboxAdvice("No usable sandbox! Update your kernel", binary, {
        sandboxOwner: 0,
        sandboxMode: 0o104755,
        usernsRestricted: true,
      })?.[1],
    ).toBe(
      "Why: unprivileged user namespaces are restricted here (kernel.apparmor_restrict_unprivileged_userns = 1).",
    );
    expect(sandboxAdvice("[1:ERROR:gpu_init.cc] some other failure", binary)).toBeNull();
    expect(
      sandboxAdvice(
        "[9:FATAL:electron_main_delegate.cc] Running as root without --no-sandbox is not supported.",
        binary,
      )?.[1],
    ).toBe("Start the app as your own user (not with sudo, not as root).");
  });
});

describe("bin/electron-start.mjs with a fake Electron", () => {
  it(
    "prints what happened and the fix when Electron dies at start because of its sandbox",
    skipWhen(process.platform === "linux" ? null : "Electron's Linux sandbox exists only on Linux"),
    async () => {
      const { dist, log } = fakeDist();
      const run = launch(["--data", tempDir("data")], {
        ELECTRON_OVERRIDE_DIST_PATH: dist,
        FAKE_ELECTRON: "sandbox",
      });
      expect(await run.exited).toBe(1);
      expect(run.stderr()).toContain("The SUID sandbox helper binary was found");
      expect(run.stderr()).toContain("Electron refused to start: its sandbox cannot run on this machine.");
      expect(run.stderr()).toContain(`sudo chmod 4755 '${path.join(dist, "chrome-sandbox")}'`);
      // Started with the project and the flags, and nothing added.
      expect(readLog(log)[0]).toEqual({ argv: [root, "--data", expect.any(String)] });
    },
  );

  it(
    "lets one Ctrl+C reach Electron, once, and waits for it to quit",
    skipWhen(process.platform === "win32" ? "Windows has no SIGINT to pass on" : null),
    async () => {
      const { dist, log } = fakeDist();
      const run = launch([], { ELECTRON_OVERRIDE_DIST_PATH: dist, FAKE_ELECTRON: "app" });
      await expect.poll(run.stdout, { timeout: 15_000 }).toContain("window open");
      // What a terminal does on Ctrl+C: SIGINT to every process of the foreground group.
      process.kill(-(run.child.pid ?? 0), "SIGINT");
      expect(await run.exited).toBe(0);
      expect(readLog(log).filter((entry) => "signal" in entry)).toEqual([{ signal: "SIGINT", count: 1 }]);
      expect(readLog(log).at(-1)).toEqual({ quit: 1 });
    },
  );

  it("reports an Electron binary that cannot be started, instead of crashing", async () => {
    const { dist } = fakeDist();
    fs.chmodSync(path.join(dist, "electron"), 0o644);
    const run = launch([], { ELECTRON_OVERRIDE_DIST_PATH: dist });
    expect(await run.exited).toBe(70);
    expect(run.stderr()).toMatch(/^The desktop app could not be started: spawn .*electron EACCES\n$/);
  });

  it("starts the browser shell, after two lines and no stack trace, when Electron's binary cannot be fetched", async () => {
    // A download that fails at once, wherever the test runs: a mirror nobody listens on, an empty cache.
    const run = launch(["--port", "0", "--data", tempDir("data"), "--server", "https://127.0.0.1:9/sso"], {
      ELECTRON_OVERRIDE_DIST_PATH: tempDir("no-dist"),
      ELECTRON_MIRROR: "http://127.0.0.1:9/",
      electron_config_cache: tempDir("cache"),
      ELECTRON_SKIP_BINARY_DOWNLOAD: "",
    });
    try {
      await expect
        .poll(run.stdout, { timeout: 60_000 })
        .toMatch(/^CCMS Terminal ready at http:\/\/127\.0\.0\.1:\d+\/#token=\S+\n$/);
      const lines = run.stderr().trimEnd().split("\n");
      expect(lines).toEqual([
        "Electron's binary is not installed yet; downloading it…",
        expect.stringMatching(
          /^Electron's binary could not be had \(.*ECONNREFUSED.*\): starting the browser shell instead; open the address printed below\.$/,
        ),
        expect.stringMatching(/^Log file: .+ccms-terminal\.log$/),
      ]);
    } finally {
      process.kill(-(run.child.pid ?? 0), "SIGINT");
      expect(await run.exited).toBe(0);
    }
  });

  it("starts the browser shell with the built-in simulator when the download is switched off", async () => {
    const run = launch(["--port", "0", "--data", tempDir("data")], {
      ELECTRON_OVERRIDE_DIST_PATH: tempDir("no-dist"),
      ELECTRON_SKIP_BINARY_DOWNLOAD: "1",
    });
    try {
      await expect.poll(run.stdout, { timeout: 60_000 }).toContain("\n");
      expect(run.stderr()).toMatch(
        /^Electron's binary could not be had \(its download is switched off by ELECTRON_SKIP_BINARY_DOWNLOAD\): starting the browser shell instead; open the address printed below\.\nLog file: .+ccms-terminal\.log\n$/,
      );
      const [, origin, token] =
        /^CCMS Terminal ready at (http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)\n$/.exec(run.stdout()) ?? [];
      const info = async () =>
        (await (
          await fetch(`${origin}/api/app.info`, {
            method: "POST",
            headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
            body: "{}",
          })
        ).json()) as { shell: string; server: { profile: string; starting: boolean } };
      expect(await info()).toMatchObject({ shell: "web", server: { profile: "builtin" } });
      await expect.poll(async () => (await info()).server.starting, { timeout: 60_000 }).toBe(false);
      if (process.platform === "linux") {
        // What runs is what ships: the built bundles under plain Node, nothing compiled at run time.
        const tree = processTree(run.child.pid ?? 0);
        expect(compilersIn(tree), JSON.stringify(tree)).toEqual([]);
        expect(tree.map((entry) => entry.command.find((word) => /\.[cm]js$/.test(word)))).toEqual([
          path.join(root, "bin/electron-start.mjs"),
          path.join(root, "dist-qa/web-shell.cjs"),
          path.join(root, "dist-electron/simulator.cjs"),
        ]);
        expect(tree.every((entry) => entry.command[0] === process.execPath)).toBe(true);
      }
    } finally {
      process.kill(-(run.child.pid ?? 0), "SIGINT");
      expect(await run.exited).toBe(0);
    }
  });
});
