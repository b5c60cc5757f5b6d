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
let serverUrl: string;
const SERVER_NAME = "sso.cp.test";

const invoke = async (method: string, input: unknown = {}) =>
  (await invokeFromPage(ipcChannel(method as never), input)) as Envelope;

beforeAll(async () => {
  resetRecord();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-main-pac-"));
  simDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-main-pac-sim-"));
  // The server by a name of its own (loopback addresses never go through a proxy in Chromium), which
  // this computer's hosts file and the proxy's both know.
  sim = await startSimulator({ dataDir: simDir, hashProfile: "fast", quiet: true, hostnames: [SERVER_NAME] });
  serverUrl = `https://${SERVER_NAME}:${new URL(sim.url).port}`;
  proxy = await startConnectProxy({ hosts: { [SERVER_NAME]: "127.0.0.1" } });
  downPort = await closedPort();
  const caFile = path.join(dataDir, "sim-ca.pem");
  fs.writeFileSync(caFile, sim.caCertPem);
  const bundleDir = path.join(dataDir, "bundle", "dist-electron");
  fs.mkdirSync(path.resolve(bundleDir, "..", "dist", "renderer"), { recursive: true });
  fs.writeFileSync(path.resolve(bundleDir, "..", "dist", "renderer", "index.html"), "<!doctype html>");
  record.userData = dataDir;
  record.hosts = { [SERVER_NAME]: "127.0.0.1" };
  handle = await runMain({ argv: [".", "--server", `${serverUrl}/sso`, "--ca", caFile], bundleDir });
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

describe("Electron's route: Chromium's stack, with the system's answer (PAC form)", () => {
  it("falls back to DIRECT when the first proxy of `PROXY host:port; DIRECT` is down", async () => {
    record.proxyAnswer = `PROXY 127.0.0.1:${downPort}; DIRECT`;
    const begin = await passwordStep();
    expect(begin).toMatchObject({ ok: true, value: { state: "OTP_REQUIRED" } });
    expect(proxy.log).toEqual([]);
    const view = await invoke("network.view");
    expect(record.proxyQueries.at(-1)).toBe(`${serverUrl}/sso`);
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
    expect(proxy.log).toContainEqual({ authority: new URL(serverUrl).host, user: null, status: 200 });
  });

  it("lets the Network setting override the system: no proxy", async () => {
    const before = proxy.log.length;
    await invoke("network.setProxy", { mode: "none" });
    const begin = await passwordStep();
    expect(begin).toMatchObject({ ok: true, value: { state: "OTP_REQUIRED" } });
    expect(proxy.log).toHaveLength(before);
  });
});

describe("Electron's route: the proxy's challenge through the request's login event, trust per host", () => {
  const PROXY_USER = "cp-proxy-user";
  const PROXY_PASSWORD = "Pr0xy-Secret!42";

  it("goes through the proxy the Network setting names, whatever the system says", async () => {
    const manual = await startConnectProxy({ hosts: { [SERVER_NAME]: "127.0.0.1" } });
    try {
      record.proxyAnswer = "DIRECT";
      await invoke("network.setProxy", { mode: "manual", proxy: manual.url });
      expect(await passwordStep()).toMatchObject({ ok: true, value: { state: "OTP_REQUIRED" } });
      expect(manual.log.map((entry) => entry.authority)).toContain(new URL(serverUrl).host);
    } finally {
      await manual.stop();
    }
  });

  it("asks once: a 407 names the proxy, the credentials given are answered on the next call and cached by the session", async () => {
    const guarded = await startConnectProxy({
      users: { [PROXY_USER]: PROXY_PASSWORD },
      hosts: { [SERVER_NAME]: "127.0.0.1" },
    });
    try {
      await invoke("network.setProxy", { mode: "manual", proxy: guarded.url });
      const first = await passwordStep();
      expect(first).toMatchObject({
        ok: false,
        error: { code: "PROXY_AUTH_REQUIRED", details: { proxy: guarded.endpoint, credentialsSent: false } },
      });
      const given = await invoke("network.setCredentials", {
        proxy: guarded.endpoint,
        username: PROXY_USER,
        password: PROXY_PASSWORD,
        remember: false,
      });
      expect(given.ok).toBe(true);
      expect(await passwordStep()).toMatchObject({ ok: true, value: { state: "OTP_REQUIRED" } });
      expect(await passwordStep()).toMatchObject({ ok: true, value: { state: "OTP_REQUIRED" } });
      // One 407 without credentials, one on the retry (the session has none cached yet), then only tunnels.
      const statuses = guarded.log.map((entry) => [entry.status, entry.user]);
      expect(statuses.slice(0, 2)).toEqual([
        [407, null],
        [407, null],
      ]);
      expect(statuses.length).toBeGreaterThan(3);
      expect(new Set(statuses.slice(2).map((entry) => entry.join(" ")))).toEqual(
        new Set([`200 ${PROXY_USER}`]),
      );
    } finally {
      await invoke("network.forgetCredentials", { proxy: guarded.endpoint });
      await guarded.stop();
    }
  });

  it("offers wrong credentials once per call, then names them refused", async () => {
    const guarded = await startConnectProxy({
      users: { [PROXY_USER]: PROXY_PASSWORD },
      hosts: { [SERVER_NAME]: "127.0.0.1" },
    });
    try {
      await invoke("network.setProxy", { mode: "manual", proxy: guarded.url });
      await invoke("network.setCredentials", {
        proxy: guarded.endpoint,
        username: PROXY_USER,
        password: "wrong",
        remember: false,
      });
      expect(await passwordStep()).toMatchObject({
        ok: false,
        error: { code: "PROXY_AUTH_FAILED", details: { proxy: guarded.endpoint, credentialsSent: true } },
      });
      expect(guarded.log.map((entry) => [entry.status, entry.user])).toEqual([
        [407, null],
        [407, PROXY_USER],
      ]);
    } finally {
      await invoke("network.forgetCredentials", { proxy: guarded.endpoint });
      await guarded.stop();
    }
  });

  it("names a proxy asking only for NTLM or Negotiate that the stack could not satisfy, by Chromium's error", async () => {
    const windowsOnly = await startConnectProxy({ onlySchemes: ["NTLM", "Negotiate"] });
    try {
      await invoke("network.setProxy", { mode: "manual", proxy: windowsOnly.url });
      const begin = await passwordStep();
      expect(begin).toMatchObject({
        ok: false,
        error: {
          code: "PROXY_AUTH_UNSUPPORTED",
          details: {
            netError: "ERR_PROXY_AUTH_UNSUPPORTED",
            netProblem: "proxyAuthUnsupported",
            proxy: windowsOnly.endpoint,
          },
        },
      });
      expect(!begin.ok && begin.error.message).toContain("Windows sign-in");
    } finally {
      await windowsOnly.stop();
    }
  });

  it("trusts the server's CA for its own host only: the same server by another name is Chromium's to judge", async () => {
    await invoke("network.setProxy", { mode: "none" });
    // The simulator's certificate names localhost too; the CA is trusted for sso.cp.test alone.
    const other = await invoke("connectivity.run", {
      target: { kind: "url", url: `https://localhost:${new URL(sim.url).port}/sso` },
      timeoutMs: 5000,
    });
    expect(other.ok).toBe(true);
    const runId = other.ok ? (other.value as { runId: string }).runId : "";
    const run = await waitForRun(runId);
    expect(run.result.steps[0]).toMatchObject({ id: "browser", status: "fail", code: "TLS_UNTRUSTED" });
    expect(run.result.steps[0]?.detail).toContain("net::ERR_CERT_AUTHORITY_INVALID");
  });
});

async function waitForRun(
  runId: string,
): Promise<{ result: { steps: { id: string; status: string; code?: string; detail: string }[] } }> {
  for (let tries = 0; tries < 200; tries += 1) {
    const got = await invoke("connectivity.get", { runId });
    if (got.ok) return got.value as never;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the check ${runId} did not finish`);
}
