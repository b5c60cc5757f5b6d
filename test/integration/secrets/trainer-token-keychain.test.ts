import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Envelope } from "../../../shared/contract/api.js";
import type { RehearsalView } from "../../../shared/contract/rehearsal.js";
import { createServices, type Services } from "../../../electron/host/create-services.js";
import { TRAINER_TOKEN_SERVICE } from "../../../electron/host/simulator-access.js";
import { startSimulator } from "../../../simulator/index.js";
import { skipWhen } from "../../support/skip-when.js";
import {
  keyringUnavailableReason,
  startKeyringSession,
  stripDesktop,
  type KeyringSession,
} from "../../support/keyring-session.js";

const root = path.resolve(import.meta.dirname, "../../..");
const value = <T>(envelope: Envelope): T => {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
};

/** Reads the keychain from another process (as the app started again, or another tool, would). */
function keychainHolds(env: Record<string, string>, account: string): unknown {
  const out = execFileSync(
    process.execPath,
    ["--import", "tsx", "test/support/keychain-probe.ts", "get", TRAINER_TOKEN_SERVICE, account],
    { cwd: root, env, encoding: "utf8" },
  );
  return (JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as { value?: unknown }).value;
}

const unavailable = keyringUnavailableReason();
describe(
  "a trainer's token in the OS keychain (GNOME Keyring on a private D-Bus session)",
  skipWhen(unavailable === null ? null : `no Secret Service can be started here: ${unavailable}`),
  () => {
    let session: KeyringSession;
    let env: Record<string, string>;
    let simulator: Awaited<ReturnType<typeof startSimulator>>;
    let services: Services | null = null;
    let account: string;

    beforeAll(async () => {
      session = await startKeyringSession();
      env = { ...stripDesktop(process.env), ...session.env };
      // This process reaches the session's keychain the way the app does.
      Object.assign(process.env, session.env);
      simulator = await startSimulator({
        dataDir: fs.mkdtempSync(path.join(session.home, "sim-")),
        hashProfile: "fast",
      });
      account = new URL(simulator.url).origin;
    });
    afterAll(async () => {
      await services?.close();
      await simulator?.close();
      await session?.stop();
    });

    const open = () =>
      createServices({
        dataDir: fs.mkdtempSync(path.join(session.home, "host-")),
        server: { url: `${simulator.url}/sso`, caFile: simulator.caFile },
        shell: "web",
        version: "0.0.0-test",
        simulatorHashProfile: "fast",
      });
    const call = <T>(method: string, input: unknown = {}) =>
      (services as Services).dispatch(method, input).then(value<T>);

    it("keeps it in the keychain, under the simulator's address, as the view says", async () => {
      services = await open();
      expect(
        await call<RehearsalView>("rehearsal.setTrainerToken", { token: simulator.controlToken }),
      ).toMatchObject({ access: "trainer", tokenKept: "keychain" });
      expect(keychainHolds(env, account)).toBe(simulator.controlToken);
    });

    it("the app started again has the controls at once, and forgetting removes it from the keychain", async () => {
      await services?.close();
      services = await open();
      expect(await call<RehearsalView>("rehearsal.state")).toMatchObject({
        access: "trainer",
        tokenKept: "keychain",
      });
      expect(await call<RehearsalView>("rehearsal.forgetTrainerToken")).toEqual({
        access: "token-needed",
        refused: false,
      });
      expect(keychainHolds(env, account)).toBeNull();
    });
  },
);
