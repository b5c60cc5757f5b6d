import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Simulator } from "../../../qa/simulator/simulator.js";
import { cardFileSchema } from "../../../simulator/smartcard/card-file.js";

let simulator: Simulator;

/** A password sign-in over the wire, as the app starts one, so the simulator mails a code. */
async function beginSignIn(userId: string, password: string): Promise<void> {
  await simulator.api.client.request("POST", "/sso/api/v1/authn", { userId, password });
}

beforeAll(async () => {
  simulator = await Simulator.launch({
    scenario: "launch-day-parallel-run",
    schedule: {
      userEmailRegistrationOpens: "2022-12-19T00:00:00+08:00",
      daEmailRegistrationOpens: "2023-03-20T00:00:00+08:00",
      launch: "2023-05-29T00:00:00+08:00",
      decommission: "2023-07-31T00:00:00+08:00",
    },
    seed: 42,
  });
});
afterAll(() => simulator?.stop());

describe("the kit's simulator", () => {
  it("runs the simulator's own process with the scenario and schedule asked for, over HTTPS with its CA", async () => {
    expect(simulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(fs.readFileSync(simulator.caFile, "utf8")).toContain("BEGIN CERTIFICATE");
    expect(await simulator.user("launch.chan")).toMatchObject({ participant: "CP8801", hasSmartcard: true });
    expect((await simulator.api.phase()).schedule.launch).toBe("2023-05-29T00:00:00+08:00");
    expect((await simulator.status()).phase).toBe("parallel-run");
  });

  it("creates users with unique IDs and what the rest needs, and keeps what is given", async () => {
    const one = await simulator.createUser();
    const two = await simulator.createUser({ role: "da", participant: "CP8801", clearingHouse: "HKCC" });
    expect(one.userId).not.toBe(two.userId);
    expect(one).toMatchObject({
      role: "user",
      participant: "CP001",
      email: `${one.userId}@cp001.example.com`,
    });
    expect(one.password).toMatch(/^Qa#/);
    expect(two).toMatchObject({ role: "da", participant: "CP8801", clearingHouse: "HKCC" });
    expect((await simulator.users()).map((user) => user.userId)).toContain(two.userId);
  });

  it("waits for the next code: each call returns a code the previous one did not", async () => {
    await simulator.setPhase("2fa-only");
    const user = await simulator.createUser();
    const waiting = simulator.waitForOtp({ userId: user.userId });
    await beginSignIn(user.userId, user.password);
    const first = await waiting;
    expect(first).toMatch(/^\d{6}$/);
    const mailbox = await simulator.mailbox({ email: user.email ?? "" });
    expect(mailbox.at(-1)?.otp).toBe(first);
    await beginSignIn(user.userId, user.password);
    const second = await simulator.waitForOtp({ email: user.email ?? "" });
    expect(second).toMatch(/^\d{6}$/);
    expect((await simulator.mailbox({ userId: user.userId })).length).toBe(2);
  });

  it("says whom it waited for and what their mailbox held, without the codes", async () => {
    const user = await simulator.createUser();
    await beginSignIn(user.userId, user.password);
    const code = await simulator.waitForOtp({ userId: user.userId });
    const error = await simulator
      .waitForOtp({ userId: user.userId }, { timeoutMs: 300 })
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain(`No new one-time password reached user ${user.userId} within 300 ms.`);
    expect(message).toMatch(
      /holds 1 message\(s\), oldest first:\n {2}1\. \S+ to \S+: ".+" \(a code already returned\)/,
    );
    expect(message).not.toContain(code);
    const nobody = await simulator
      .waitForOtp({ userId: "nobody.here" }, { timeoutMs: 100 })
      .catch((e: Error) => e);
    expect((nobody as Error).message).toMatch(/Their mailbox is empty/);
  });

  it("moves the clock and the phase, injects faults, issues cards, unlocks, reads the audit and resets", async () => {
    expect((await simulator.setClock("2023-06-01T10:00:00+08:00")).realTime).toBe(false);
    expect((await simulator.setPhase(null)).phasePinned).toBe(false);
    expect((await simulator.setFaults({ latencyMs: 1 })).latencyMs).toBe(1);
    const card = await simulator.issueCard({ userId: "launch.chan", pin: "1234" });
    expect(cardFileSchema.parse(JSON.parse(fs.readFileSync(card.file, "utf8"))).userId).toBe("launch.chan");
    expect((await simulator.unlock("launch.chan")).lockedUntil).toBeNull();
    const events = await simulator.audit({ userId: "launch.chan" });
    expect(events.map((event) => event.event)).toContain("control.card-issue");
    await simulator.reset();
    expect((await simulator.setFaults({})).latencyMs).toBe(0);
    // The scenario is loaded again after a reset.
    expect((await simulator.status()).now.startsWith("2023-05-29")).toBe(true);
    await expect(simulator.user("launch.wong")).resolves.toMatchObject({ hasSmartcard: false });
  });

  it("stops its process and removes its folder", async () => {
    const other = await Simulator.launch();
    const { dataDir } = other;
    expect(fs.existsSync(dataDir)).toBe(true);
    await other.stop();
    expect(fs.existsSync(dataDir)).toBe(false);
    await expect(other.api.client.request("GET", "/__sim/status")).rejects.toThrow(
      /Cannot reach the simulator/,
    );
  });
});
