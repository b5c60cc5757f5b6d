import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ProxyCredentialStore,
  PROXY_SECRET_SERVICE,
} from "../../../electron/services/network/proxy-credential-store.js";
import { KeytarSecretStore } from "../../../electron/services/secrets/keytar-secret-store.js";
import { MemorySecretStore } from "../../../electron/services/secrets/memory-secret-store.js";
import { startSimulator } from "../../../simulator/index.js";
import { startConnectProxy } from "../../support/connect-proxy.js";
import {
  keyringUnavailableReason,
  startKeyringSession,
  stripDesktop,
  type KeyringSession,
} from "../../support/keyring-session.js";
import { skipWhen } from "../../support/skip-when.js";

const root = path.resolve(import.meta.dirname, "../../..");
const SERVICE = "CCMS Terminal emulator: test";
const SECRET = "Keychain-Only-Secret-7731";

/** One store operation in a fresh process (as after a restart of the app), with `env` as its environment. */
function probe(
  env: Record<string, string>,
  ...args: string[]
): { ok: boolean; value?: unknown; code?: string; message?: string } {
  const out = execFileSync(process.execPath, ["--import", "tsx", "test/support/keychain-probe.ts", ...args], {
    cwd: root,
    env,
    encoding: "utf8",
  });
  return JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as { ok: boolean };
}

const unavailable = keyringUnavailableReason();

describe(
  "the OS keychain through keytar (GNOME Keyring on a private D-Bus session)",
  skipWhen(unavailable),
  () => {
    let session: KeyringSession;
    let env: Record<string, string>;

    beforeAll(async () => {
      session = await startKeyringSession();
      env = { ...stripDesktop(process.env), ...session.env };
    });

    afterAll(async () => {
      await session?.stop();
    });

    it("stores a secret, reads it back from another process, lists and deletes it", () => {
      expect(probe(env, "availability")).toEqual({ ok: true, value: { available: true, reason: null } });
      expect(probe(env, "set", SERVICE, "proxy.corp:8080", SECRET)).toEqual({ ok: true, value: true });
      expect(probe(env, "get", SERVICE, "proxy.corp:8080")).toEqual({ ok: true, value: SECRET });
      expect(probe(env, "list", SERVICE)).toEqual({ ok: true, value: ["proxy.corp:8080"] });
      expect(probe(env, "delete", SERVICE, "proxy.corp:8080")).toEqual({ ok: true, value: true });
      expect(probe(env, "get", SERVICE, "proxy.corp:8080")).toEqual({ ok: true, value: null });
      expect(probe(env, "delete", SERVICE, "proxy.corp:8080")).toEqual({ ok: true, value: false });
    });

    it("keeps no secret in plain text in any file of the session's home", () => {
      expect(probe(env, "set", SERVICE, "file.check:1", SECRET)).toMatchObject({ ok: true });
      const hits = filesUnder(session.home).filter((file) => fs.readFileSync(file).includes(SECRET));
      expect(hits).toEqual([]);
      probe(env, "delete", SERVICE, "file.check:1");
    });

    it("remembers proxy credentials per host:port across a restart, and forgets them", async () => {
      // This process reaches the session's keychain the way the app does.
      Object.assign(process.env, session.env);
      const first = new ProxyCredentialStore(new KeytarSecretStore());
      expect(await first.keychainView()).toEqual({ available: true, reason: null, cause: null });
      expect(await first.set("proxy.corp:8080", { username: "cp.user", password: SECRET }, true)).toEqual({
        remembered: true,
      });
      expect(await first.list()).toEqual([
        { proxy: "proxy.corp:8080", username: "cp.user", remembered: true },
      ]);
      // A new process (the app started again) finds them in the keychain.
      const stored = probe(env, "get", PROXY_SECRET_SERVICE, "proxy.corp:8080");
      expect(JSON.parse(String(stored.value))).toEqual({ username: "cp.user", password: SECRET });
      const again = new ProxyCredentialStore(new KeytarSecretStore());
      expect(await again.get("proxy.corp:8080")).toEqual({ username: "cp.user", password: SECRET });
      await again.forget("proxy.corp:8080");
      expect(probe(env, "get", PROXY_SECRET_SERVICE, "proxy.corp:8080")).toEqual({ ok: true, value: null });
      expect(await new ProxyCredentialStore(new KeytarSecretStore()).list()).toEqual([]);
    });

    it("ccms-check uses the proxy credentials the app remembered, and names the 407 without them", async () => {
      const proxy = await startConnectProxy({ users: { "cp.user": SECRET } });
      const simDir = fs.mkdtempSync(path.join(session.home, "sim-"));
      const sim = await startSimulator({ dataDir: simDir, hashProfile: "fast", quiet: true });
      const caFile = path.join(session.home, "sim-ca.pem");
      fs.writeFileSync(caFile, sim.caCertPem);
      // Asynchronously: the proxy and the simulator answer from this very process.
      const check = () =>
        new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
          execFile(
            process.execPath,
            ["bin/ccms-check.mjs", "--url", `${sim.url}/sso`, "--ca", caFile, "--json"],
            { cwd: root, env: { ...env, HTTPS_PROXY: proxy.url }, encoding: "utf8" },
            (error, stdout, stderr) =>
              resolve({ status: typeof error?.code === "number" ? error.code : 0, stdout, stderr }),
          );
        });
      try {
        const asked = await check();
        expect(asked.status).toBe(2);
        const report = JSON.parse(asked.stdout) as { steps: Array<{ id: string; code?: string }> };
        expect(report.steps.find((step) => step.id === "tcp")?.code).toBe("PROXY_AUTH_REQUIRED");
        expect(probe(env, "remember-proxy", proxy.endpoint, "cp.user", SECRET)).toMatchObject({
          value: { remembered: true },
        });
        const passed = await check();
        expect(passed.status).toBe(0);
        expect(proxy.log.at(-1)).toMatchObject({ user: "cp.user", status: 200 });
        expect(passed.stdout + passed.stderr).not.toContain(SECRET);
      } finally {
        probe(env, "delete", PROXY_SECRET_SERVICE, proxy.endpoint);
        await proxy.stop();
        await sim.close();
      }
    });
  },
);

describe("a computer without a keychain (Linux without a Secret Service)", () => {
  let home: string;
  let bare: Record<string, string>;

  beforeAll(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-no-keychain-"));
    bare = { ...stripDesktop(process.env), HOME: home, XDG_RUNTIME_DIR: path.join(home, "run") };
    fs.mkdirSync(bare.XDG_RUNTIME_DIR ?? "", { mode: 0o700 });
  });

  afterAll(() => {
    fs.rmSync(home, { recursive: true, force: true });
  });

  it("says the keychain is unavailable, with keytar's reason, instead of crashing", () => {
    const availability = probe(bare, "availability");
    expect(availability.ok).toBe(true);
    expect(availability.value).toMatchObject({ available: false });
    expect(JSON.stringify(availability.value)).toMatch(/D-Bus|secrets/);
    const refused = probe(bare, "set", SERVICE, "proxy.corp:8080", SECRET);
    expect(refused).toMatchObject({ ok: false, code: "KEYCHAIN_UNAVAILABLE" });
    expect(refused.message).not.toContain(SECRET);
    expect(filesUnder(home).filter((file) => fs.readFileSync(file).includes(SECRET))).toEqual([]);
  });

  it("keeps proxy credentials in memory only, says they were not remembered, and writes no file", () => {
    const outcome = probe(bare, "remember-proxy", "proxy.corp:8080", "cp.user", SECRET);
    expect(outcome).toEqual({
      ok: true,
      value: {
        remembered: false,
        inThisRun: { username: "cp.user", password: SECRET },
        listed: [{ proxy: "proxy.corp:8080", username: "cp.user", remembered: false }],
      },
    });
    expect(filesUnder(home).filter((file) => fs.readFileSync(file).includes(SECRET))).toEqual([]);
  });

  it("the memory store is a SecretStore of its own", async () => {
    const memory = new MemorySecretStore();
    await memory.set(SERVICE, "a:1", "x");
    expect(await memory.list(SERVICE)).toEqual(["a:1"]);
    expect(await memory.delete(SERVICE, "a:1")).toBe(true);
    expect(await memory.get(SERVICE, "a:1")).toBeNull();
  });
});

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).flatMap((entry) => {
    const file = path.join(entry.parentPath, entry.name);
    return entry.isFile() ? [file] : [];
  });
}
