import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Envelope } from "../../../shared/contract/api.js";
import { ipcChannel } from "../../../shared/contract/names.js";
import type { MainHandle } from "../../../electron/main/run-main.js";
import { startSimulator } from "../../../simulator/index.js";
import { closedPort } from "../../support/ports.js";
import { startConnectProxy, type TestProxy } from "../../support/connect-proxy.js";
import { invokeFromPage, record, resetRecord } from "./electron-stand-in.js";

vi.mock("electron", async () => (await import("./electron-stand-in.js")).electronStandIn);

const { runMain } = await import("../../../electron/main/run-main.js");

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

let dataDir: string;
let simDir: string;
let sim: Simulator;
let proxy: TestProxy;
let handle: MainHandle | null;
let downPort: number;

const invoke = async (method: string, input: unknown = {}) =>
  (await invokeFromPage(ipcChannel(method as never), input)) as Envelope;

beforeAll(async () => {
  resetRecord();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-main-pac-"));
  simDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-main-pac-sim-"));
  sim = await startSimulator({ dataDir: simDir, hashProfile: "fast", quiet: true });
  proxy = await startConnectProxy();
  downPort = await closedPort();
  const caFile = path.join(dataDir, "sim-ca.pem");
  fs.writeFileSync(caFile, sim.caCertPem);
  const bundleDir = path.join(dataDir, "bundle", "dist-electron");
  fs.mkdirSync(path.resolve(bundleDir, "..", "dist", "renderer"), { recursive: true });
  fs.writeFileSync(path.resolve(bundleDir, "..", "dist", "renderer", "index.html"), "<!doctype html>");
  record.userData = dataDir;
  handle = await runMain({ argv: [".", "--server", `${sim.url}/sso`, "--ca", caFile], bundleDir });
});

afterAll(async () => {
  await handle?.services.close();
  await proxy.stop();
  await sim.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(simDir, { recursive: true, force: true });
});

/** The password step of a sign-in, left again at once. */
async function passwordStep(): Promise<Envelope> {
  const begin = await invoke("auth.begin", { userId: "demo.user", password: "Demo#2023pass" });
  await invoke("auth.cancel");
  return begin;
}

describe("Electron's route: the system's answer from session.resolveProxy (PAC form)", () => {
  it("falls back to DIRECT when the first proxy of `PROXY host:port; DIRECT` is down", async () => {
    record.proxyAnswer = `PROXY 127.0.0.1:${downPort}; DIRECT`;
    const begin = await passwordStep();
    expect(begin).toMatchObject({ ok: true, value: { state: "OTP_REQUIRED" } });
    expect(record.proxyQueries.at(-1)).toBe(`${sim.url}/`);
    const view = await invoke("network.view");
    expect(view).toMatchObject({
      ok: true,
      value: {
        setting: { mode: "system" },
        route: {
          source: "system",
          via: "session.resolveProxy",
          hops: [
            { kind: "proxy", proxy: `127.0.0.1:${downPort}` },
            { kind: "direct", proxy: null },
          ],
        },
      },
    });
  });

  it("goes through the proxy the PAC answer names first, when it is up", async () => {
    record.proxyAnswer = `PROXY ${proxy.endpoint}; DIRECT`;
    // The change of answer is the system's: a new connection asks again.
    await invoke("network.setProxy", { mode: "system" });
    const begin = await passwordStep();
    expect(begin).toMatchObject({ ok: true, value: { state: "OTP_REQUIRED" } });
    expect(proxy.log).toContainEqual({ authority: new URL(sim.url).host, user: null, status: 200 });
  });

  it("lets the Network setting override the system: no proxy", async () => {
    const before = proxy.log.length;
    await invoke("network.setProxy", { mode: "none" });
    const begin = await passwordStep();
    expect(begin).toMatchObject({ ok: true, value: { state: "OTP_REQUIRED" } });
    expect(proxy.log).toHaveLength(before);
  });
});
