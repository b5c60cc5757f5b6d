import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Envelope } from "../../../shared/contract/api.js";
import { ipcChannel, methodNames } from "../../../shared/contract/names.js";
import type { MainHandle } from "../../../electron/main/run-main.js";
import { FakeBrowserWindow, invokeFromPage, record, resetRecord } from "./electron-stand-in.js";

vi.mock("electron", async () => (await import("./electron-stand-in.js")).electronStandIn);

const { runMain } = await import("../../../electron/main/run-main.js");

let dataDir: string;
let bundleDir: string;
let handle: MainHandle | null;
let closedPort: number;

beforeAll(async () => {
  resetRecord();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-main-"));
  bundleDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ccms-bundle-")), "dist-electron");
  const rendererDir = path.resolve(bundleDir, "..", "dist", "renderer");
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, "index.html"), "<!doctype html><title>CCMS Terminal</title>");
  record.userData = dataDir;
  closedPort = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  handle = await runMain({
    argv: [
      ".",
      "--server",
      `https://sso.cp.test:${closedPort}/sso`,
      "--data",
      path.join(dataDir, "new", "folder"),
    ],
    bundleDir,
  });
});

afterAll(async () => {
  await handle?.services.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(path.dirname(bundleDir), { recursive: true, force: true });
});

const invoke = (method: string, input: unknown, from?: string) =>
  invokeFromPage(ipcChannel(method as never), input, from) as Promise<Envelope>;

describe("Electron main process", () => {
  it("creates the --data folder before it becomes userData (Electron refuses a missing one)", () => {
    expect(record.userData).toBe(path.join(dataDir, "new", "folder"));
    expect(fs.statSync(record.userData).isDirectory()).toBe(true);
  });

  it("starts no simulator process for a server given with --server", () => {
    expect(record.utilityForks).toEqual([]);
  });

  it("gives the connectivity check the system's proxy answer through session.resolveProxy", async () => {
    const resolveProxy = handle?.services.context.platform.resolveProxy;
    expect(resolveProxy).toBeTypeOf("function");
    await expect(resolveProxy?.("https://sso.hkexposttrade.com.hk/sso")).resolves.toBe(
      "PROXY proxy.cp.example:8080",
    );
    expect(record.proxyQueries).toEqual(["https://sso.hkexposttrade.com.hk/sso"]);
  });

  it("takes the single-instance lock and opens one hardened window on app://", () => {
    expect(record.lockRequests).toBe(1);
    expect(record.windows).toHaveLength(1);
    const window = record.windows[0] as FakeBrowserWindow;
    expect(window.options).toMatchObject({
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        preload: path.join(bundleDir, "preload.cjs"),
      },
    });
    expect(window.loadedUrls).toEqual(["app://ccms/index.html"]);
  });

  it("registers every contract method exactly once, and nothing else", () => {
    const expected = methodNames.map((name) => ipcChannel(name)).sort();
    expect([...record.ipcRegistrations].sort()).toEqual(expected);
  });

  it("rejects bad input with INVALID_INPUT before any service sees it", async () => {
    const envelope = await invoke("auth.begin", { userId: "bad user!", password: "" });
    expect(envelope.ok).toBe(false);
    expect(!envelope.ok && envelope.error.code).toBe("INVALID_INPUT");
    const extra = await invoke("auth.verifyOtp", { otp: "123456", stateToken: "smuggled" });
    expect(!extra.ok && extra.error.code).toBe("INVALID_INPUT");
  });

  it("answers through the real services: the server from --server, by the system's proxy, unreachable", async () => {
    const info = await invoke("app.info", {});
    expect(info).toMatchObject({
      ok: true,
      value: {
        shell: "electron",
        server: { profile: "custom", url: `https://sso.cp.test:${closedPort}/sso`, simulated: false },
      },
    });
    // The sign-in takes Chromium's route with the system's answer: the stand-in's proxy, whose name
    // does not resolve, and no DIRECT after it.
    const begin = await invoke("auth.begin", { userId: "demo.user", password: "Demo#2023pass" });
    expect(!begin.ok && begin.error.code).toBe("PROXY_UNREACHABLE");
    expect(!begin.ok && begin.error.details).toMatchObject({
      netError: "ERR_PROXY_CONNECTION_FAILED",
      proxy: "proxy.cp.example:8080",
    });
    expect(!begin.ok && begin.error.message).toContain("proxy.cp.example:8080");
  });

  it("refuses calls from a frame that is not the app's page", async () => {
    const envelope = await invoke("app.info", {}, "https://evil.example/");
    expect(!envelope.ok && envelope.error.code).toBe("FORBIDDEN");
  });

  it("denies every permission request and check", () => {
    for (const permission of ["media", "geolocation", "notifications", "openExternal", "clipboard-read"]) {
      const callback = vi.fn();
      record.permissionRequestHandler?.({}, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(record.permissionCheckHandler?.({}, permission, "app://ccms", {})).toBe(false);
    }
  });

  it("locks down every web contents created later (navigation, new windows)", () => {
    const listeners = record.appListeners.get("web-contents-created") ?? [];
    expect(listeners).toHaveLength(1);
    const window = new FakeBrowserWindow({});
    listeners[0]?.({}, window.webContents);
    const preventDefault = vi.fn();
    window.webContents.emit("will-navigate", { preventDefault }, "https://example.com/");
    expect(preventDefault).toHaveBeenCalledOnce();
    expect(window.webContents.windowOpenHandler?.({ url: "https://example.com/" })).toEqual({
      action: "deny",
    });
    record.windows.pop();
  });

  it("serves the renderer on app:// with the strict CSP, and nothing else", async () => {
    expect(record.privilegedSchemes).toEqual([
      {
        scheme: "app",
        privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
      },
    ]);
    const handler = record.protocolHandlers.get("app");
    if (!handler) throw new Error("no app:// handler registered");
    const page = await handler(new Request("app://ccms/index.html"));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("CCMS Terminal");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    for (const url of ["app://ccms/../../package.json", "app://other/index.html", "app://ccms/missing.js"]) {
      expect((await handler(new Request(url))).status, url).toBe(404);
    }
  });

  it("forwards contract events to the page", () => {
    const window = record.windows[0] as FakeBrowserWindow;
    handle?.services.events.emit("session.changed", { session: null, locked: false });
    expect(window.webContents.sent).toContainEqual({
      channel: ipcChannel("session.changed"),
      payload: { session: null, locked: false },
    });
  });
});

describe("Electron main process: a second instance", () => {
  it("quits without a window when the lock is held elsewhere", async () => {
    const before = { windows: record.windows.length, quits: record.quitCalls };
    record.singleInstanceLock = false;
    expect(await runMain({ argv: ["."] })).toBeNull();
    expect(record.quitCalls).toBe(before.quits + 1);
    expect(record.windows).toHaveLength(before.windows);
    record.singleInstanceLock = true;
  });

  it("exits 64 on a bad --server", async () => {
    expect(await runMain({ argv: [".", "--server", "ftp://nope"] })).toBeNull();
    expect(record.exitCodes).toContain(64);
  });
});
