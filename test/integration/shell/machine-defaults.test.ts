import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Envelope } from "../../../shared/contract/api.js";
import type { AppInfo } from "../../../shared/contract/app.js";
import type { NetworkView } from "../../../shared/contract/network.js";
import { createServices, type Services } from "../../../electron/host/create-services.js";
import { machineDefaultsFile } from "../../../electron/services/settings/machine-defaults.js";
import { startSimulator } from "../../../simulator/index.js";

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

const dirs: string[] = [];
const tempDir = (label: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ccms-${label}-`));
  dirs.push(dir);
  return dir;
};
const value = <T>(envelope: Envelope): T => {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
};

/** Writes `content` as the machine-wide defaults file under a fresh stand-in system root; returns the root. */
function systemRootWith(content: unknown): { root: string; file: string } {
  const root = tempDir("system-root");
  const file = machineDefaultsFile(process.platform, process.env, root);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return { root, file };
}

let sim: Simulator;
let caFile: string;
const warnings: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ dataDir: tempDir("sim"), hashProfile: "fast", quiet: true });
  caFile = path.join(tempDir("ca"), "sim-ca.pem");
  fs.writeFileSync(caFile, sim.caCertPem);
  vi.spyOn(console, "warn").mockImplementation((line: string) => warnings.push(String(line)));
});
afterEach(() => warnings.splice(0));
afterAll(async () => {
  vi.restoreAllMocks();
  await sim?.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("machine-wide defaults that lock the server, the proxy and the language", () => {
  let services: Services;
  let file: string;

  beforeAll(async () => {
    const system = systemRootWith({
      server: { kind: "custom", url: `${sim.url}/sso`, caFile },
      network: { mode: "none" },
      language: "zh-HK",
      locked: ["server", "network", "language"],
    });
    file = system.file;
    services = await createServices({
      dataDir: tempDir("host"),
      // A server on the command line does not get past IT's lock either.
      server: { url: "https://127.0.0.1:9/sso" },
      shell: "web",
      version: "1.0.0",
      systemRoot: system.root,
    });
  });
  afterAll(() => services?.close());

  it("uses IT's server, ignoring --server with a line in the log", async () => {
    const info = value<AppInfo>(await services.dispatch("app.info", {}));
    expect(info.server).toMatchObject({ profile: "custom", url: `${sim.url}/sso`, caFile });
    expect(info.machine).toEqual({
      locked: ["server", "network", "language"],
      language: "zh-HK",
      problem: null,
    });
    expect(warnings.join("\n")).toMatch(
      /--server https:\/\/127\.0\.0\.1:9\/sso is ignored: the 2FA server is locked by/,
    );
    // And signs in there.
    const begin = value<{ state: string }>(
      await services.dispatch("auth.begin", { userId: "demo.user", password: "Demo#2023pass" }),
    );
    expect(begin.state).toBe("OTP_REQUIRED");
    await services.dispatch("auth.cancel", {});
  });

  it("refuses to change the locked server or proxy with SETTING_LOCKED, and changes nothing", async () => {
    for (const [method, input] of [
      ["app.setServer", { kind: "builtin" }],
      ["network.setProxy", { mode: "system" }],
    ] as const) {
      const answer = await services.dispatch(method, input);
      expect(answer.ok, method).toBe(false);
      if (answer.ok) continue;
      expect(answer.error.code).toBe("SETTING_LOCKED");
      expect(answer.error.message).toContain(file);
      expect(answer.error.details).toMatchObject({ file });
    }
    expect(value<AppInfo>(await services.dispatch("app.info", {})).server.profile).toBe("custom");
    const network = value<NetworkView>(await services.dispatch("network.view", {}));
    expect(network).toMatchObject({ setting: { mode: "none" }, locked: true, route: { source: "none" } });
  });
});

describe("machine-wide defaults that only preset", () => {
  it("start with IT's values and let the person change them", async () => {
    const system = systemRootWith({ network: { mode: "none" }, language: "zh-HK" });
    const services = await createServices({
      dataDir: tempDir("host"),
      server: { url: `${sim.url}/sso`, caFile },
      shell: "web",
      version: "1.0.0",
      systemRoot: system.root,
    });
    try {
      expect(value<AppInfo>(await services.dispatch("app.info", {})).machine).toEqual({
        locked: [],
        language: "zh-HK",
        problem: null,
      });
      expect(value<NetworkView>(await services.dispatch("network.view", {}))).toMatchObject({
        setting: { mode: "none" },
        locked: false,
      });
      const changed = value<NetworkView>(await services.dispatch("network.setProxy", { mode: "system" }));
      expect(changed).toMatchObject({ setting: { mode: "system" }, locked: false });
    } finally {
      await services.close();
    }
  });
});

describe("an invalid machine-wide defaults file", () => {
  it("is ignored whole, and reported in the app and the log with the file's name and the problem", async () => {
    const system = systemRootWith({
      network: { mode: "none" },
      language: "zh-HK",
      locked: ["network", "language", "server"],
    });
    const services = await createServices({
      dataDir: tempDir("host"),
      server: { url: `${sim.url}/sso`, caFile },
      shell: "web",
      version: "1.0.0",
      systemRoot: system.root,
    });
    try {
      const info = value<AppInfo>(await services.dispatch("app.info", {}));
      expect(info.machine).toEqual({
        locked: [],
        language: null,
        problem: {
          file: system.file,
          reason: "invalid",
          issues: [{ path: "locked.2", kind: "lock-without-value", names: ["server"] }],
          message: 'locked.2: "server" is locked, but the file gives no "server" to lock it to',
        },
      });
      expect(warnings).toContain(
        `The machine-wide defaults file ${system.file} is ignored: locked.2: "server" is locked, but the file gives no "server" to lock it to.`,
      );
      // Not half applied: the proxy preset beside the fault is not taken either.
      expect(value<NetworkView>(await services.dispatch("network.view", {}))).toMatchObject({
        setting: { mode: "system" },
        locked: false,
      });
    } finally {
      await services.close();
    }
  });
});
