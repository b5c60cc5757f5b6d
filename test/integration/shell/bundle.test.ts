import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");

/**
 * A stand-in `electron` for running the bundled main process under plain
 * Node: it drives the IPC handlers the bundle registers as the page would and
 * prints what came back, one JSON line per call.
 */
const standIn = String.raw`
const { EventEmitter } = require("node:events");
const handlers = new Map();
const out = (line) => process.stdout.write(JSON.stringify(line) + "\n");
class WebContents extends EventEmitter { setWindowOpenHandler() {} send(channel, payload) { out({ sent: channel, payload }); } }
class BrowserWindow extends EventEmitter {
  constructor(options) { super(); this.webContents = new WebContents(); BrowserWindow.all.push(this); out({ window: options.webPreferences }); }
  loadURL(url) { out({ loadURL: url }); return Promise.resolve(); }
  isDestroyed() { return false; }
  static getAllWindows() { return BrowserWindow.all; }
}
BrowserWindow.all = [];
let userData = "";
const call = (method, input) => handlers.get("ccms:" + method)({ senderFrame: { url: "app://ccms/index.html" } }, input);
module.exports = {
  app: {
    requestSingleInstanceLock: () => true, quit() {}, exit(code) { out({ exit: code }); }, on() {},
    whenReady: () => Promise.resolve(),
    setPath(name, value) { if (name === "userData") userData = value; },
    getPath: () => userData, getVersion: () => "9.9.9",
  },
  BrowserWindow,
  ipcMain: { handle(channel, fn) { handlers.set(channel, fn); }, removeHandler() {} },
  protocol: { registerSchemesAsPrivileged() {}, handle() {} },
  session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {} } },
};
const poll = setInterval(async () => {
  if (!handlers.has("ccms:app.info")) return;
  clearInterval(poll);
  out({ info: await call("app.info", {}) });
  out({ begin: await call("auth.begin", { userId: "demo.user", password: "Demo#2023pass" }) });
  out({ bad: await call("auth.begin", { userId: "" }) });
  process.exit(0);
}, 50);
`;

const hook = (standInFile: string) => String.raw`
const Module = require("node:module");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === "electron" ? ${JSON.stringify(standInFile)} : resolve.call(this, request, ...rest);
};
`;

let work: string;

/** The preload carries names, not schemas (see README, Architecture). */
const PRELOAD_BUDGET_BYTES = 20 * 1024;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-bundle-"));
  fs.writeFileSync(path.join(work, "electron-stand-in.cjs"), standIn);
  fs.writeFileSync(path.join(work, "hook.cjs"), hook(path.join(work, "electron-stand-in.cjs")));
  execFileSync(process.execPath, [path.join(root, "build/bundle-electron.mjs")], {
    env: { ...process.env, CCMS_BUNDLE_OUT: path.join(work, "dist-electron") },
    stdio: "pipe",
  });
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("the esbuild bundles", () => {
  it("writes a CommonJS main and a preload that needs nothing but electron", () => {
    const preload = fs.readFileSync(path.join(work, "dist-electron/preload.cjs"), "utf8");
    const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
    expect(new Set(required)).toEqual(new Set(["electron"]));
    expect(fs.existsSync(path.join(work, "dist-electron/main.cjs"))).toBe(true);
  });

  it("keeps the preload within 20 KB: names and createApi, never zod or a schema", async () => {
    const preload = fs.statSync(path.join(work, "dist-electron/preload.cjs")).size;
    expect(preload, `preload.cjs is ${preload} bytes`).toBeLessThanOrEqual(PRELOAD_BUDGET_BYTES);
    // Which modules the preload's imports reach, whatever the build's minification does with them.
    const { metafile } = await build({
      entryPoints: [path.join(root, "electron/preload/index.ts")],
      bundle: true,
      platform: "node",
      format: "cjs",
      external: ["electron"],
      metafile: true,
      write: false,
      logLevel: "silent",
    });
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.filter((file) => file.includes("node_modules"))).toEqual([]);
    expect(inputs.filter((file) => !/^(electron\/preload|shared)\//.test(file))).toEqual([]);
  });

  it("runs the bundled main process: built-in simulator, IPC handlers, validation", () => {
    const dataDir = path.join(work, "data");
    const result = spawnSync(
      process.execPath,
      [
        "--require",
        path.join(work, "hook.cjs"),
        path.join(work, "dist-electron/main.cjs"),
        "--data",
        dataDir,
      ],
      {
        cwd: work,
        encoding: "utf8",
        timeout: 120_000,
        // The bundle sits outside the project here; its native externals come from the project's node_modules.
        env: { ...process.env, NODE_PATH: path.join(root, "node_modules") },
      },
    );
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const find = (key: string) => lines.find((line) => key in line)?.[key];
    expect(find("window")).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(find("loadURL")).toBe("app://ccms/index.html");
    expect(find("info")).toMatchObject({
      ok: true,
      value: { version: "9.9.9", shell: "electron", server: { profile: "builtin", simulated: true } },
    });
    expect(find("begin")).toMatchObject({ ok: true, value: { state: "OTP_REQUIRED" } });
    expect(find("bad")).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(fs.existsSync(path.join(dataDir, "simulator"))).toBe(true);
  });
});

describe("bin/electron-start.mjs", () => {
  const hasBinary = (() => {
    try {
      return fs.existsSync(createRequire(import.meta.url)("electron") as string);
    } catch {
      return false;
    }
  })();
  if (hasBinary)
    console.log(
      "Skipping the start-script fallback test: Electron's binary is installed, so it would launch.",
    );
  it.skipIf(hasBinary)(
    "starts the browser shell instead, with the built-in simulator, when Electron's binary cannot be had",
    async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-start-"));
      const child = spawn(
        process.execPath,
        [path.join(root, "bin/electron-start.mjs"), "--port", "0", "--data", dataDir],
        {
          cwd: root,
          // Makes Electron's installer skip the download, as on a machine without access to GitHub.
          env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: "1" },
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      try {
        await new Promise<void>((resolve, reject) => {
          child.stdout.on("data", () => stdout.includes("\n") && resolve());
          child.on("exit", (code) => reject(new Error(`exited ${code} before it was ready: ${stderr}`)));
        });
        expect(stderr).toContain("browser shell instead");
        const match = /^CCMS Terminal ready at (http:\/\/127\.0\.0\.1:\d+)\/#token=([A-Za-z0-9_-]+)\n$/.exec(
          stdout,
        );
        expect(match, stdout).not.toBeNull();
        const [, origin, token] = match as RegExpExecArray;
        const info = await fetch(`${origin}/api/app.info`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: "{}",
        });
        expect(await info.json()).toMatchObject({
          shell: "web",
          server: { profile: "builtin", simulated: true },
        });
      } finally {
        child.kill("SIGTERM");
        await exited;
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});
