import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Envelope } from "../../../shared/contract/api.js";
import type { AppInfo } from "../../../shared/contract/app.js";
import { ipcChannel } from "../../../shared/contract/names.js";
import { machineDefaultsFile } from "../../../electron/services/settings/machine-defaults.js";
import type { MainHandle } from "../../../electron/main/run-main.js";
import { closedPort } from "../../support/ports.js";
import { invokeFromPage, record, resetRecord } from "./electron-stand-in.js";

vi.mock("electron", async () => (await import("./electron-stand-in.js")).electronStandIn);

const { runMain } = await import("../../../electron/main/run-main.js");

let work: string;
let handle: MainHandle | null = null;
let server: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-main-machine-"));
  const file = machineDefaultsFile(process.platform, {}, path.join(work, "root"));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ language: "zh-HK", locked: ["language"] }));
  const bundleDir = path.join(work, "bundle", "dist-electron");
  fs.mkdirSync(path.resolve(bundleDir, "..", "dist", "renderer"), { recursive: true });
  fs.writeFileSync(path.resolve(bundleDir, "..", "dist", "renderer", "index.html"), "<!doctype html>");
  server = `https://127.0.0.1:${await closedPort()}/sso`;
  vi.stubEnv("CCMS_SYSTEM_ROOT", path.join(work, "root"));
});

afterEach(async () => {
  await handle?.services.close();
  handle = null;
});

afterAll(() => {
  vi.unstubAllEnvs();
  fs.rmSync(work, { recursive: true, force: true });
});

async function machineView(packaged: boolean): Promise<AppInfo["machine"]> {
  resetRecord();
  record.isPackaged = packaged;
  record.userData = fs.mkdtempSync(path.join(work, "data-"));
  handle = await runMain({
    argv: [".", "--server", server],
    bundleDir: path.join(work, "bundle", "dist-electron"),
  });
  const info = (await invokeFromPage(ipcChannel("app.info"), {})) as Envelope;
  if (!info.ok) throw new Error(info.error.message);
  return (info.value as AppInfo).machine;
}

describe("the desktop app's machine-wide defaults", () => {
  it("run from source, takes them from below CCMS_SYSTEM_ROOT (for tests)", async () => {
    expect(await machineView(false)).toEqual({ locked: ["language"], language: "zh-HK", problem: null });
  });

  it("packaged, reads only the system's own location: CCMS_SYSTEM_ROOT cannot move IT's file elsewhere", async (context) => {
    const systemFile = machineDefaultsFile(process.platform, {});
    if (fs.existsSync(systemFile))
      context.skip(`this computer has a defaults file of its own (${systemFile})`);
    expect(await machineView(true)).toEqual({ locked: [], language: null, problem: null });
  });
});
