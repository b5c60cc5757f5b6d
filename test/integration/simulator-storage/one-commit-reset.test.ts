import { expect, it } from "vitest";
import { shippedScenario } from "../../../simulator/scenarios/shipped-scenarios.js";
import { type ControlSnapshot } from "../../../simulator/store/storage.js";
import {
  REHEARSAL_MOMENT_PATH,
  REHEARSAL_PATH,
  REHEARSAL_SITUATION_PATH,
  REHEARSAL_START_OVER_PATH,
} from "../../../shared/wire/rehearsal.js";
import { describeOnEachAdapter } from "./one-commit-setup.js";

/**
 * The whole-simulator changes are one commit too: a reset (every session ended, the tables
 * emptied, the control state reset, the demo users seeded, the start-up scenario applied again),
 * a trainer's start over and a situation put on; and so is a control change made alone (a moment,
 * the clock, a pin, the faults) with its audit line. The database fails in the middle of one (see
 * one-commit-setup), the state is the old one entirely, in the database and in the simulator's
 * answers, and asking again does the whole change.
 */
const password = "Reset#Once2023";
const startUp = shippedScenario("da-application-pending-at-launch");
if (startUp === undefined)
  throw new Error("the shipped scenario da-application-pending-at-launch is missing");
const minute = 60_000;

/** What the simulator answers about its control state (the simulated time as its offset, which stays while time runs on). */
interface ControlView {
  offsetMs: number;
  moment: unknown;
  phase: unknown;
  phasePinned: unknown;
  faults: unknown;
}

/** The control changes made alone: each with its audit line, and what the simulator answers once it is made. */
const changesAlone: Array<{
  what: string;
  path: string;
  body: Record<string, unknown>;
  event: string;
  made(view: ControlView): void;
}> = [
  {
    what: "a moment",
    path: REHEARSAL_MOMENT_PATH,
    body: { at: "2023-07-03T10:00:00+08:00" },
    event: "trainer.moment",
    made: ({ moment, offsetMs }) => {
      expect(moment).toMatchObject({ kind: "custom" });
      expect(Math.abs(Date.now() + offsetMs - Date.parse("2023-07-03T10:00:00+08:00"))).toBeLessThan(minute);
    },
  },
  {
    what: "a clock change",
    path: "/__sim/clock",
    body: { now: "2023-08-01T09:00:00+08:00" },
    event: "control.clock",
    made: ({ offsetMs }) =>
      expect(Math.abs(Date.now() + offsetMs - Date.parse("2023-08-01T09:00:00+08:00"))).toBeLessThan(minute),
  },
  {
    what: "a pin",
    path: "/__sim/phase",
    body: { phase: "smartcard-only" },
    event: "control.phase",
    made: (view) => expect(view).toMatchObject({ phase: "smartcard-only", phasePinned: true }),
  },
  {
    what: "a fault",
    path: "/__sim/faults",
    body: { latencyMs: 5 },
    event: "control.faults",
    made: ({ faults }) =>
      expect(faults).toEqual({ latencyMs: 5, failRate: 0, mailDelayMs: 0, dropMail: false }),
  },
];

describeOnEachAdapter("one commit per reset", { scenario: startUp }, (s) => {
  const control = async (): Promise<ControlSnapshot> => {
    const [row] = await s.rows<{ state: unknown }>("SELECT state FROM control_state WHERE id = 1", []);
    return (typeof row?.state === "string" ? JSON.parse(row.state) : row?.state) as ControlSnapshot;
  };
  const userCount = (userKey: string) =>
    s.count("SELECT count(*) AS n FROM users WHERE user_key = $1", [userKey]);
  const auditCount = (event?: string) =>
    event === undefined
      ? s.count("SELECT count(*) AS n FROM audit", [])
      : s.count("SELECT count(*) AS n FROM audit WHERE event = $1", [event]);
  const sessionOf = async (userKey: string) =>
    (
      await s.rows<{ ended: number; end_reason: string | null }>(
        "SELECT CASE WHEN revoked_at IS NULL THEN 0 ELSE 1 END AS ended, end_reason FROM sessions WHERE user_key = $1",
        [userKey],
      )
    )[0];
  const simulatedNow = async () => Date.parse((await s.client.control.get("/__sim/clock")).data.now);

  /** A user of the run signed in, so that a reset has a session to end. */
  async function signedIn(userId: string): Promise<void> {
    await s.newUser(userId, password);
    await s.signIn(userId, password);
    expect(await sessionOf(userId)).toEqual({ ended: 0, end_reason: null });
  }

  /** The answer failed, and `userId` (signed in), the control state and the audit log are as `before`. */
  async function expectNothingChanged(
    failed: Parameters<typeof s.expectFailed>[0],
    userId: string,
    before: { control: ControlSnapshot; lines: number },
  ): Promise<void> {
    s.expectFailed(failed);
    expect(await userCount(userId)).toBe(1);
    expect(await sessionOf(userId)).toEqual({ ended: 0, end_reason: null });
    expect(await control()).toEqual(before.control);
    expect(await auditCount()).toBe(before.lines);
  }

  it("a reset cut after the tables are emptied leaves everything as it was, and the retry resets", async () => {
    await signedIn("reset.extra");
    expect((await s.client.control.put("/__sim/phase", { phase: "2fa-only" })).status).toBe(200);
    const before = await control();
    const lines = await auditCount();

    // The first demo user's insert: after the sessions are ended, the tables emptied and the control state reset.
    await s.failBefore("users-insert", "users");
    const failed = await s.client.control.post("/__sim/reset", {});
    await s.dropTrigger();
    await expectNothingChanged(failed, "reset.extra", { control: before, lines });
    expect((await s.client.control.get("/__sim/phase")).data).toMatchObject({
      phase: "2fa-only",
      phasePinned: true,
    });

    const retried = await s.client.control.post("/__sim/reset", {});
    expect(retried.status).toBe(200);
    expect(await userCount("reset.extra")).toBe(0);
    expect(await sessionOf("reset.extra")).toEqual({ ended: 1, end_reason: "simulator-reset" });
    expect(await userCount("demo.user")).toBe(1);
    for (const { userId } of startUp?.users ?? []) expect(await userCount(userId)).toBe(1);
    expect(
      await s.count("SELECT count(*) AS n FROM da_email_applications WHERE user_key = $1 AND status = $2", [
        "pending.da1",
        "processing",
      ]),
    ).toBe(1);
    const after = await control();
    expect(after).toMatchObject({
      pinnedPhase: null,
      generation: before.generation + 1,
      scenario: before.scenario,
    });
    expect(Math.abs((await simulatedNow()) - Date.parse("2023-05-29T09:00:00+08:00"))).toBeLessThan(minute);
    expect((await s.client.control.get("/__sim/phase")).data.phasePinned).toBe(false);
    expect(await auditCount("control.reset")).toBe(1);
    expect(await auditCount("control.scenario")).toBe(1);
  }, 60_000);

  it("a start over cut at its audit line leaves the run as it was, and the retry starts over at the same moment", async () => {
    const moment = "2023-06-12T09:30:00+08:00";
    expect((await s.client.control.put(REHEARSAL_MOMENT_PATH, { at: moment })).status).toBe(200);
    await signedIn("over.extra");
    const before = await control();
    const lines = await auditCount();

    await s.failBefore("audit-insert-many", "audit", "trainer.start-over");
    const failed = await s.client.control.post(REHEARSAL_START_OVER_PATH, {});
    await s.dropTrigger();
    await expectNothingChanged(failed, "over.extra", { control: before, lines });
    expect((await s.client.control.get(REHEARSAL_PATH)).data.moment).toEqual(before.moment);

    const retried = await s.client.control.post(REHEARSAL_START_OVER_PATH, {});
    expect(retried.status).toBe(200);
    expect(await userCount("over.extra")).toBe(0);
    expect((await sessionOf("over.extra"))?.end_reason).toBe("simulator-reset");
    expect(await userCount("demo.user")).toBe(1);
    expect(await userCount("pending.da1")).toBe(1);
    expect(await control()).toMatchObject({ moment: before.moment, generation: before.generation + 1 });
    expect(Math.abs((await simulatedNow()) - Date.parse(moment))).toBeLessThan(minute);
    // The audit log is kept, with one line for the start over.
    expect(await auditCount()).toBeGreaterThan(lines);
    expect(await auditCount("trainer.start-over")).toBe(1);
  }, 60_000);

  it("a situation cut at its lock leaves no part of it, and the retry puts all of it on", async () => {
    const before = await control();
    const lines = await auditCount();

    // locked-account's lock: after its users are created.
    await s.failBefore("lockouts-add", "login_failures");
    const failed = await s.client.control.put(REHEARSAL_SITUATION_PATH, { name: "locked-account" });
    await s.dropTrigger();
    s.expectFailed(failed);
    expect(await userCount("locked.yeung")).toBe(0);
    expect(await control()).toEqual(before);
    expect(await auditCount()).toBe(lines);
    expect((await s.client.control.get(REHEARSAL_PATH)).data.situation).toBe(before.situation);

    const retried = await s.client.control.put(REHEARSAL_SITUATION_PATH, { name: "locked-account" });
    expect(retried.status).toBe(200);
    expect(retried.data.situation).toBe("locked-account");
    expect(await userCount("locked.yeung")).toBe(1);
    expect(await s.count("SELECT count(*) AS n FROM lockouts WHERE user_key = $1", ["locked.yeung"])).toBe(1);
    expect(await control()).toMatchObject({ situation: "locked-account", moment: before.moment });
    expect(await auditCount("trainer.situation")).toBe(1);
  }, 60_000);

  const view = async (): Promise<ControlView> => {
    const [clock, rehearsal, phase, faults] = await Promise.all(
      ["/__sim/clock", REHEARSAL_PATH, "/__sim/phase", "/__sim/faults"].map((path) =>
        s.client.control.get(path),
      ),
    );
    return {
      offsetMs: clock?.data.offsetMs,
      moment: rehearsal?.data.moment,
      phase: phase?.data.phase,
      phasePinned: phase?.data.phasePinned,
      faults: faults?.data,
    };
  };

  for (const { what, path, body, event, made } of changesAlone)
    it(`${what} cut at its audit line is not made, and the retry makes it with one line`, async () => {
      const before = await control();
      const answered = await view();
      const lines = await auditCount();
      const eventLines = await auditCount(event);

      await s.failBefore("audit-insert-many", "audit", event);
      const failed = await s.client.control.put(path, body);
      await s.dropTrigger();
      s.expectFailed(failed);
      expect(await control()).toEqual(before);
      expect(await view()).toEqual(answered);
      expect(await auditCount()).toBe(lines);

      const retried = await s.client.control.put(path, body);
      expect(retried.status).toBe(200);
      made(await view());
      expect((await control()).revision).toBe(before.revision + 1);
      expect(await auditCount()).toBe(lines + 1);
      expect(await auditCount(event)).toBe(eventLines + 1);
    }, 60_000);
});
