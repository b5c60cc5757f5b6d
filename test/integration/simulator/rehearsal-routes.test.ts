import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authnResponseSchema } from "../../../shared/wire/authn.js";
import { auditResponseSchema, clockResponseSchema } from "../../../shared/wire/control.js";
import { rehearsalStateSchema, type RehearsalState } from "../../../shared/wire/rehearsal.js";
import { faultsResponseSchema } from "../../../shared/wire/faults.js";
import { demoPassword, type Harness, startHarness } from "./sim-harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const REAL_START = "2025-01-06T01:00:00.000Z";
const state = async (): Promise<RehearsalState> =>
  rehearsalStateSchema.parse((await h.control.get("/__sim/rehearsal")).data);
const audit = async (query = "") =>
  auditResponseSchema.parse((await h.control.get(`/__sim/audit${query}`)).data).events;
const signIn = async (userId: string, password: string) =>
  authnResponseSchema.parse((await h.post("/sso/api/v1/authn", { userId, password })).data);

describe("the trainer's control routes", () => {
  it("refuse every call without the control token, and change nothing", async () => {
    const before = await h.control.get("/__sim/clock");
    const calls: Array<[string, string, unknown]> = [
      ["get", "/__sim/rehearsal", undefined],
      ["put", "/__sim/rehearsal/moment", { preset: "launch-day" }],
      ["put", "/__sim/rehearsal/situation", { name: "locked-account" }],
      ["post", "/__sim/rehearsal/start-over", {}],
      [
        "post",
        "/__sim/rehearsal/connectivity-checks",
        { userId: "demo.user", target: "https://x.example/sso", status: "pass" },
      ],
    ];
    for (const [method, url, data] of calls) {
      for (const headers of [{}, { authorization: "Bearer not-the-token" }]) {
        const res = await h.http.request({ method, url, headers, data });
        expect(res.status, `${method} ${url}`).toBe(401);
        expect(res.data.error.code).toBe("UNAUTHORIZED");
      }
    }
    expect((await h.control.get("/__sim/clock")).data).toEqual(before.data);
    expect((await h.control.get("/__sim/users/locked.yeung")).status).toBe(404);
  });

  it("offer the schedule's moments at 09:00 HKT and every shipped situation, with its users", async () => {
    const first = await state();
    expect(first.moment).toBeNull();
    expect(first.situation).toBeNull();
    expect(first.realTime).toBe(true);
    expect(first.presets).toEqual([
      { id: "before-launch", at: "2023-04-27T01:00:00.000Z", phase: "smartcard-only" },
      { id: "launch-day", at: "2023-05-29T01:00:00.000Z", phase: "parallel-run" },
      { id: "parallel-run-month", at: "2023-06-29T01:00:00.000Z", phase: "parallel-run" },
      { id: "after-decommission", at: "2023-08-01T01:00:00.000Z", phase: "2fa-only" },
    ]);
    expect(first.situations.map((s) => s.name)).toEqual([
      "launch-day-parallel-run",
      "user-without-email",
      "da-application-pending-at-launch",
      "locked-account",
      "new-user-after-launch",
      "slow-and-flaky-network",
      "2fa-only",
    ]);
    const noEmail = first.situations.find((s) => s.name === "user-without-email");
    expect(noEmail?.users).toContainEqual({
      userId: "noemail.cheung",
      displayName: "Cheung Wing Kei",
      role: "user",
      password: "NoMail#Yet2023",
      hasEmail: false,
      hasSmartcard: false,
      locked: false,
    });
    expect(first.situations.find((s) => s.name === "slow-and-flaky-network")?.faults).toBe(true);
  });

  it("move to a preset moment, letting go of a pinned phase, and say so in the audit log", async () => {
    expect((await h.control.put("/__sim/phase", { phase: "2fa-only" })).status).toBe(200);
    const res = await h.control.put("/__sim/rehearsal/moment", { preset: "launch-day" });
    expect(res.status).toBe(200);
    const moved = rehearsalStateSchema.parse(res.data);
    expect(moved.status).toEqual({
      phase: "parallel-run",
      phasePinned: false,
      now: "2023-05-29T01:00:00.000Z",
    });
    expect(moved.moment).toEqual({ kind: "preset", preset: "launch-day", at: "2023-05-29T01:00:00.000Z" });
    expect(moved.realTime).toBe(false);
    // Anyone pointed at the simulator sees the new moment at once.
    expect((await h.http.get("/sso/api/v1/simulator")).data).toMatchObject({ phase: "parallel-run" });

    const [event] = (await audit("?event=trainer.moment")).slice(-1);
    expect(event).toMatchObject({
      event: "trainer.moment",
      method: "control",
      outcome: "done",
      userId: null,
      detail: "launch-day 2023-05-29T01:00:00.000Z",
      at: "2023-05-29T01:00:00.000Z",
      // The computer's own time stays beside the simulated one.
      realAt: REAL_START,
    });
  });

  it("move to a date and time of the trainer's own, and back to the real clock", async () => {
    const custom = await h.control.put("/__sim/rehearsal/moment", { at: "2023-07-15T14:30:00+08:00" });
    expect(rehearsalStateSchema.parse(custom.data)).toMatchObject({
      moment: { kind: "custom", at: "2023-07-15T06:30:00.000Z" },
      status: { phase: "parallel-run", now: "2023-07-15T06:30:00.000Z" },
    });
    const real = await h.control.put("/__sim/rehearsal/moment", { realTime: true });
    expect(rehearsalStateSchema.parse(real.data)).toMatchObject({
      moment: { kind: "real-time" },
      realTime: true,
      status: { now: REAL_START },
    });
  });

  it("refuse a moment that is not one, naming the field, and change nothing", async () => {
    await h.control.put("/__sim/rehearsal/moment", { preset: "parallel-run-month" });
    const before = await state();
    for (const body of [
      { preset: "someday" },
      { at: "29 May 2023" },
      { realTime: false },
      { preset: "launch-day", at: "2023-05-29T09:00:00+08:00" },
      {},
      null,
    ]) {
      const res = await h.control.put("/__sim/rehearsal/moment", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.data.error.code).toBe("INVALID_INPUT");
    }
    expect(await state()).toEqual(before);
  });

  it("put a situation on top of the moment: its users arrive, the clock stays", async () => {
    const res = await h.control.put("/__sim/rehearsal/situation", { name: "user-without-email" });
    expect(res.status).toBe(200);
    const applied = rehearsalStateSchema.parse(res.data);
    expect(applied.situation).toBe("user-without-email");
    // Not the scenario's own 5 June: the trainer's 29 June stays, and its phase is not pinned.
    expect(applied.status).toEqual({
      phase: "parallel-run",
      phasePinned: false,
      now: "2023-06-29T01:00:00.000Z",
    });
    expect((await signIn("noemail.cheung", "NoMail#Yet2023")).state).toBe("EMAIL_NOT_REGISTERED");
    expect((await audit("?event=trainer.situation")).at(-1)?.detail).toBe(
      "user-without-email: 3 created, 0 already present, 0 locked",
    );
  });

  it("bring a situation's faults, and take them away with the next situation", async () => {
    await h.control.put("/__sim/rehearsal/situation", { name: "slow-and-flaky-network" });
    expect(faultsResponseSchema.parse((await h.control.get("/__sim/faults")).data)).toMatchObject({
      latencyMs: 1500,
      failRate: 0.2,
    });
    await h.control.put("/__sim/rehearsal/situation", { name: "locked-account" });
    expect(faultsResponseSchema.parse((await h.control.get("/__sim/faults")).data)).toMatchObject({
      latencyMs: 0,
      failRate: 0,
    });
    expect((await signIn("locked.yeung", "Locked#Out2023")).state).toBe("LOCKED_OUT");
  });

  it("refuse a situation that is not shipped, listing those that are", async () => {
    const unknown = await h.control.put("/__sim/rehearsal/situation", { name: "alien-invasion" });
    expect(unknown.status).toBe(404);
    expect(unknown.data.error.message).toContain("user-without-email");
    for (const body of [{ name: "../2fa-only" }, { name: "" }, { name: "2fa-only", extra: 1 }, {}]) {
      const res = await h.control.put("/__sim/rehearsal/situation", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await state()).situation).toBe("locked-account");
  });

  it("start over: the seeded users at the chosen moment, with the audit log kept", async () => {
    h.clock.advance(10 * 60_000);
    const eventsBefore = await audit();
    const res = await h.control.post("/__sim/rehearsal/start-over");
    expect(res.status).toBe(200);
    const fresh = rehearsalStateSchema.parse(res.data);
    expect(fresh.situation).toBeNull();
    expect(fresh.moment).toEqual({
      kind: "preset",
      preset: "parallel-run-month",
      at: "2023-06-29T01:00:00.000Z",
    });
    // Back to the moment as chosen, not to where the clock had run on to.
    expect(fresh.status.now).toBe("2023-06-29T01:00:00.000Z");
    expect((await h.control.get("/__sim/users/noemail.cheung")).status).toBe(404);
    expect((await h.control.get("/__sim/users/demo.user")).status).toBe(200);
    expect((await signIn("demo.user", demoPassword)).state).toBe("METHOD_CHOICE");

    const eventsAfter = await audit();
    expect(eventsAfter.slice(0, eventsBefore.length)).toEqual(eventsBefore);
    expect(eventsAfter.some((e) => e.event === "trainer.start-over")).toBe(true);
  });

  it("hear of a connectivity check run by a user, and refuse one of nobody", async () => {
    const reported = await h.control.post("/__sim/rehearsal/connectivity-checks", {
      userId: "Demo.User",
      target: "https://sso.hkexposttrade.com.hk/sso",
      status: "fail",
    });
    expect(reported.status).toBe(201);
    expect((await audit("?userId=demo.user&event=practice.connectivity-check")).at(-1)).toMatchObject({
      userId: "demo.user",
      method: "check",
      outcome: "fail",
      detail: "https://sso.hkexposttrade.com.hk/sso",
    });
    const nobody = await h.control.post("/__sim/rehearsal/connectivity-checks", {
      userId: "no.such.user",
      target: "https://x.example/sso",
      status: "pass",
    });
    expect(nobody.status).toBe(404);
    const bad = await h.control.post("/__sim/rehearsal/connectivity-checks", {
      userId: "demo.user",
      target: "https://x.example/sso",
      status: "great",
    });
    expect(bad.status).toBe(400);
  });

  it("forget the chosen moment at a QA reset, which goes back to the real clock", async () => {
    expect((await h.control.post("/__sim/reset")).status).toBe(200);
    const after = await state();
    expect(after.moment).toBeNull();
    expect(after.realTime).toBe(true);
    expect(clockResponseSchema.parse((await h.control.get("/__sim/clock")).data).realTime).toBe(true);
  });
});
