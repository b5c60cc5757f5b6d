import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { HostConfig } from "../../../electron/host/config.js";
import { createServices } from "../../../electron/host/create-services.js";
import type { SessionView } from "../../../shared/contract/auth.js";
import type { SessionPolicy } from "../../../shared/contract/session.js";
import type { RecentSignIns } from "../../../shared/wire/session.js";
import {
  failure,
  type HostWithSimulator,
  password,
  startHostWithSimulator,
  value,
} from "../../support/host-with-simulator.js";

let host: HostWithSimulator;
const heard: SessionView[] = [];

beforeAll(async () => {
  host = await startHostWithSimulator({}, { idleLockMinutes: 0.5 });
  host.services.events.listen((event, payload) => {
    if (event === "session.changed") heard.push(payload as SessionView);
  });
});
afterEach(async () => {
  await host.services.dispatch("auth.signOut", {});
  heard.length = 0;
});
afterAll(async () => host.close());

const call = (method: string, input: unknown = {}) => host.services.dispatch(method, input);

describe("the terminal's lock, through the contract", () => {
  it("says the idle lock time the shell was given, and the warning's lead", async () => {
    expect(value<SessionPolicy>(await call("session.policy"))).toEqual({
      idleLockMinutes: 0.5,
      warnBeforeMs: 120_000,
    });
  });

  it("locks: the session's data calls are refused until the password unlocks it", async () => {
    await host.signIn("demo.da");
    const locked = value<SessionView>(await call("session.lock"));
    expect(locked).toMatchObject({ locked: true, session: { userId: "demo.da" } });
    expect(heard.at(-1)).toMatchObject({ locked: true });
    for (const method of ["admin.listUsers", "readiness.board", "session.recentSignIns"]) {
      expect(failure(await call(method)).code, method).toBe("SESSION_LOCKED");
    }
    // After a reload the page asks again: still locked.
    expect(value<SessionView>(await call("auth.session"))).toMatchObject({ locked: true });

    const wrong = failure(await call("session.unlock", { password: "Not#thePassword1" }));
    expect(wrong.code).toBe("INVALID_CREDENTIALS");
    expect(value<SessionView>(await call("auth.session")).locked).toBe(true);

    const unlocked = value<SessionView>(await call("session.unlock", { password }));
    expect(unlocked).toMatchObject({ locked: false, session: { userId: "demo.da" } });
    expect(heard.at(-1)).toMatchObject({ locked: false, session: { userId: "demo.da" } });
    expect((await call("admin.listUsers")).ok).toBe(true);
  });

  it("wrong passwords at the lock screen lock the account: the session ends, and the page hears why", async () => {
    expect(
      (
        await host.control.post("/__sim/users", {
          userId: "lock.screen",
          password,
          email: "lock.screen@cp001.example.com",
          role: "user",
          participant: "CP001",
          clearingHouse: "HKSCC",
        })
      ).status,
    ).toBe(201);
    await host.signIn("lock.screen");
    value(await call("session.lock"));
    for (let i = 0; i < 4; i++) {
      expect(failure(await call("session.unlock", { password: "Wrong#pass12" })).code).toBe(
        "INVALID_CREDENTIALS",
      );
    }
    const last = failure(await call("session.unlock", { password: "Wrong#pass12" }));
    expect(last).toMatchObject({ code: "SESSION_EXPIRED", details: { reason: "account-locked" } });
    expect(heard.at(-1)).toMatchObject({ session: null, locked: false, ended: { reason: "account-locked" } });
    expect(failure(await call("session.lock")).code).toBe("NOT_SIGNED_IN");
  });

  it("shows the user's recent sign-ins", async () => {
    await host.signIn("demo.hkcc");
    await host.signIn("demo.hkcc");
    const recent = value<RecentSignIns>(await call("session.recentSignIns"));
    expect(recent.previous).toMatchObject({ method: "otp" });
    expect(recent.failedAttempts).toBe(0);
  });
});

describe("the idle lock's time", () => {
  it("comes from the settings file unless the shell's flag says otherwise, and is 10 minutes by default", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-idle-lock-"));
    const server = { url: `${host.sim.url}/sso`, caFile: host.sim.caFile };
    const policyWith = async (config: Partial<HostConfig>) => {
      const services = await createServices({
        dataDir,
        shell: "web",
        version: "0.0.0-test",
        server,
        ...config,
      });
      try {
        return value<SessionPolicy>(await services.dispatch("session.policy", {})).idleLockMinutes;
      } finally {
        await services.close();
      }
    };
    try {
      expect(await policyWith({})).toBe(10);
      fs.writeFileSync(
        path.join(dataDir, "settings.json"),
        JSON.stringify({ server: { kind: "builtin" }, idleLockMinutes: 3 }),
      );
      expect(await policyWith({})).toBe(3);
      expect(await policyWith({ idleLockMinutes: 1.5 })).toBe(1.5);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
