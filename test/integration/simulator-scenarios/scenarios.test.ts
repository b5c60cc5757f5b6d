import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { authnResponseSchema } from "../../../shared/wire/authn.js";
import { phaseResponseSchema, simUserResponseSchema } from "../../../shared/wire/control.js";
import { daEmailApplicationsResponseSchema } from "../../../shared/wire/da-email.js";
import { faultsResponseSchema } from "../../../shared/wire/faults.js";
import { loadScenarioFile } from "../../../simulator/scenarios/load-scenario.js";
import { type Harness, startHarness } from "../simulator/sim-harness.js";
import { answerAt } from "../../support/authn-answers.js";

const dir = join(import.meta.dirname, "../../../simulator/scenarios");
const authn = "/sso/api/v1/authn";
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(name: string): Promise<Harness> {
  h = await startHarness({ scenario: loadScenarioFile(join(dir, `${name}.json`)) });
  return h;
}

async function begin(sim: Harness, userId: string, password: string) {
  const res = await sim.post(authn, { userId, password });
  return { status: res.status, body: res.data as unknown };
}

const stateOf = (data: unknown) => authnResponseSchema.parse(data).state;

describe("--scenario at start", () => {
  it("launch day of the parallel run: the clock is on 29 May 2023 and a card holder may choose", async () => {
    const sim = await start("launch-day-parallel-run");
    expect(sim.sim.scenario).toEqual({
      name: "launch-day-parallel-run",
      created: 3,
      alreadyPresent: 0,
      locked: 0,
      daEmailApplications: 0,
    });
    const phase = phaseResponseSchema.parse((await sim.control.get("/__sim/phase")).data);
    expect(phase).toMatchObject({
      phase: "parallel-run",
      phasePinned: false,
      now: "2023-05-29T01:00:00.000Z",
    });
    const chan = await begin(sim, "launch.chan", "Launch#2023day");
    expect(answerAt(chan.body, "METHOD_CHOICE").factors).toEqual(
      expect.arrayContaining(["otp", "smartcard"]),
    );
    const wong = await begin(sim, "launch.wong", "Launch#2023day");
    expect(stateOf(wong.body)).toBe("OTP_REQUIRED");
  });

  it("2FA only: the phase follows the clock past decommissioning", async () => {
    const sim = await start("2fa-only");
    expect(phaseResponseSchema.parse((await sim.control.get("/__sim/phase")).data).phase).toBe("2fa-only");
    const ho = await begin(sim, "sole.ho", "Sole#Method2023");
    expect(authnResponseSchema.parse(ho.body)).toMatchObject({ state: "OTP_REQUIRED", factors: ["otp"] });
  });

  it("user without email: EMAIL_NOT_REGISTERED, and a card holder is offered smartcard", async () => {
    const sim = await start("user-without-email");
    const phase = phaseResponseSchema.parse((await sim.control.get("/__sim/phase")).data);
    expect(phase).toMatchObject({ phase: "parallel-run", phasePinned: true });
    const cheung = answerAt(
      (await begin(sim, "noemail.cheung", "NoMail#Yet2023")).body,
      "EMAIL_NOT_REGISTERED",
    );
    expect(cheung.message).toContain("Delegated Administrator");
    const lam = answerAt((await begin(sim, "noemail.lam", "NoMail#Yet2023")).body, "EMAIL_NOT_REGISTERED");
    expect(lam.factors).toContain("smartcard");
    expect(lam.factors).not.toContain("otp");
  });

  it("a DA's application pending at launch: no 2FA for that DA until HKEX processes it on 5 June", async () => {
    const sim = await start("da-application-pending-at-launch");
    expect(sim.sim.scenario).toMatchObject({ created: 3, daEmailApplications: 1 });
    const pending = answerAt(
      (await begin(sim, "pending.da1", "Pending#DA2023")).body,
      "EMAIL_NOT_REGISTERED",
    );
    expect(pending.factors).toEqual(["smartcard"]);
    const listed = daEmailApplicationsResponseSchema.parse(
      (await sim.control.get("/__sim/hkex/da-email-applications")).data,
    );
    expect(listed.applications).toEqual([
      expect.objectContaining({
        userId: "pending.da1",
        submittedBy: "pending.da2",
        status: "processing",
        late: true,
        dueAt: "2023-06-05T01:00:00.000Z",
      }),
    ]);
    // The colleague who applied signs in with 2FA as usual (a card holder, so offered the choice).
    expect(stateOf((await begin(sim, "pending.da2", "Pending#DA2023")).body)).toBe("METHOD_CHOICE");
    expect((await sim.control.put("/__sim/clock", { now: "2023-06-05T09:00:00+08:00" })).status).toBe(200);
    const processed = answerAt((await begin(sim, "pending.da1", "Pending#DA2023")).body, "METHOD_CHOICE");
    expect(processed.factors).toEqual(["otp", "smartcard"]);
  });

  it("locked account: locked from the start, unlocked by QA", async () => {
    const sim = await start("locked-account");
    expect(sim.sim.scenario?.locked).toBe(1);
    const user = simUserResponseSchema.parse((await sim.control.get("/__sim/users/locked.yeung")).data).user;
    expect(Date.parse(user.lockedUntil ?? "") - Date.parse("2023-06-12T09:30:00+08:00")).toBe(15 * 60_000);
    const locked = await begin(sim, "locked.yeung", "Locked#Out2023");
    expect(JSON.stringify(locked.body)).toContain("LOCKED_OUT");
    expect((await sim.control.post("/__sim/users/locked.yeung/unlock", {})).status).toBe(200);
    expect(stateOf((await begin(sim, "locked.yeung", "Locked#Out2023")).body)).toBe("METHOD_CHOICE");
  });

  it("new user after launch: 2FA only although a card was issued; an older user may choose", async () => {
    const sim = await start("new-user-after-launch");
    const tse = authnResponseSchema.parse((await begin(sim, "newuser.tse", "NewUser#2023x")).body);
    expect(tse).toMatchObject({ state: "OTP_REQUIRED", factors: ["otp"] });
    const fung = answerAt((await begin(sim, "olduser.fung", "NewUser#2023x")).body, "METHOD_CHOICE");
    expect(fung.factors).toEqual(expect.arrayContaining(["otp", "smartcard"]));
  });

  it("slow and flaky network: the faults are in force from the start", async () => {
    const sim = await start("slow-and-flaky-network");
    expect(faultsResponseSchema.parse((await sim.control.get("/__sim/faults")).data)).toEqual({
      latencyMs: 1500,
      failRate: 0.2,
      mailDelayMs: 20000,
      dropMail: false,
    });
  });

  it("is applied again after POST /__sim/reset", async () => {
    const sim = await start("locked-account");
    await sim.control.post("/__sim/users/locked.yeung/unlock", {});
    await sim.control.put("/__sim/phase", { phase: "2fa-only" });
    expect((await sim.control.post("/__sim/reset", {})).status).toBeLessThan(300);
    const user = simUserResponseSchema.parse((await sim.control.get("/__sim/users/locked.yeung")).data).user;
    expect(user.lockedUntil).not.toBeNull();
    expect(phaseResponseSchema.parse((await sim.control.get("/__sim/phase")).data).phase).toBe(
      "parallel-run",
    );
    expect(sim.sim.context.users.find("locked.da")).toBeDefined();
  });
});
