import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { methodNames } from "../../../shared/contract/names.js";
import { createServices, type Services } from "../../../electron/host/create-services.js";
import { registerIpc } from "../../../electron/main/ipc.js";
import type { CcmsBridge } from "../../../electron/preload/bridge.js";
import { electronStandIn, FakeWebContents, record, resetRecord } from "./electron-stand-in.js";

vi.mock("electron", async () => (await import("./electron-stand-in.js")).electronStandIn);

let bridge: CcmsBridge;
let services: Services;
let dataDir: string;
const calls: string[] = [];

beforeAll(async () => {
  resetRecord();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-preload-"));
  // The main side of the channel is the real one; its server is a port nobody listens on.
  services = await createServices({
    dataDir,
    server: { url: "https://127.0.0.1:9/" },
    shell: "electron",
    version: "0",
  });
  registerIpc(electronStandIn.ipcMain as never, async (method, input) => {
    calls.push(method);
    return services.dispatch(method, input);
  });
  await import("../../../electron/preload/index.js");
  bridge = record.exposed.get("ccms") as CcmsBridge;
});

afterAll(async () => {
  await services.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("preload", () => {
  it("exposes window.ccms and nothing else", () => {
    expect([...record.exposed.keys()]).toEqual(["ccms"]);
    expect(Object.keys(bridge).sort()).toEqual(
      ["app", "auth", "invoke", "mailbox", "on", "subscribe", ...otherNamespaces()].sort(),
    );
  });

  it("has one function per contract method, each calling its own IPC channel", async () => {
    for (const name of methodNames) {
      const [ns, fn] = name.split(".") as [string, string];
      const group = (bridge as unknown as Record<string, Record<string, unknown>>)[ns];
      expect(typeof group?.[fn], name).toBe("function");
    }
    expect(await bridge.app.info({})).toMatchObject({ shell: "electron", server: { profile: "custom" } });
    expect(calls.at(-1)).toBe("app.info");
  });

  it("rejects a failed call with a plain, cloneable error carrying the code, and keeps the envelope on invoke", async () => {
    const rejection: unknown = await bridge.auth
      .verifyOtp({ otp: "000000" })
      .catch((error: unknown) => error);
    expect(rejection).toEqual({
      name: "AppError",
      code: "NO_LOGIN_IN_PROGRESS",
      message: expect.any(String),
    });
    // The context bridge copies values with the structured-clone rules: a plain object keeps its code.
    expect(structuredClone(rejection)).toEqual(rejection);
    expect(await bridge.invoke("auth.begin", { userId: "demo.user", password: "pw" })).toMatchObject({
      ok: false,
      error: { code: "SERVER_UNREACHABLE" },
    });
    expect(await bridge.invoke("auth.begin", { userId: "" })).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT" },
    });
  });

  it("refuses names outside the contract without touching IPC", async () => {
    const before = calls.length;
    expect(await bridge.invoke("shell.openExternal" as never, {})).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND" },
    });
    expect(calls).toHaveLength(before);
  });

  it("delivers events to subscribers until they unsubscribe", () => {
    const seen: unknown[] = [];
    const off = bridge.on["session.changed"]((payload) => seen.push(payload));
    const contents = new FakeWebContents();
    contents.send("ccms:session.changed", { session: null });
    off();
    contents.send("ccms:session.changed", { session: null });
    expect(seen).toEqual([{ session: null }]);
  });
});

function otherNamespaces(): string[] {
  const known = new Set(["app", "auth", "mailbox"]);
  return [...new Set(methodNames.map((name) => name.slice(0, name.indexOf("."))))].filter(
    (ns) => !known.has(ns),
  );
}
