import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { authnResponseSchema, type AuthnResponse } from "../../../shared/wire/authn.js";
import { answerAt } from "../../support/authn-answers.js";
import { phaseResponseSchema, simStatusSchema } from "../../../shared/wire/control.js";
import { demoPassword, type Harness, startHarness } from "./sim-harness.js";

const authn = "/sso/api/v1/authn";
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.control.put("/__sim/phase", { phase: null });
  await h.control.put("/__sim/clock", {});
});

async function begin(userId: string) {
  const res = await h.post(authn, { userId, password: demoPassword });
  return {
    status: res.status,
    body: res.status === 200 ? authnResponseSchema.parse(res.data) : undefined,
    raw: res.data,
  };
}

/** The state token of a step that carries one. */
function tokenOf(body: AuthnResponse | undefined): string | undefined {
  return body !== undefined && "stateToken" in body ? body.stateToken : undefined;
}

async function jumpTo(iso: string) {
  const res = await h.control.put("/__sim/clock", { now: iso });
  expect(res.status).toBe(200);
}

describe("migration phases", () => {
  it("derives the phase from the clock and the HKCC schedule", async () => {
    const at = async (iso: string) => {
      await jumpTo(iso);
      return simStatusSchema.parse((await h.control.get("/__sim/status")).data);
    };
    expect((await at("2023-05-28T23:59:59+08:00")).phase).toBe("smartcard-only");
    expect((await at("2023-05-29T00:00:00+08:00")).phase).toBe("parallel-run");
    expect((await at("2023-07-30T12:00:00+08:00")).phase).toBe("parallel-run");
    const late = await at("2023-07-31T00:00:00+08:00");
    expect(late).toMatchObject({ phase: "2fa-only", phasePinned: false, now: "2023-07-30T16:00:00.000Z" });

    const phase = phaseResponseSchema.parse((await h.control.get("/__sim/phase")).data);
    expect(phase.schedule.launch).toBe("2023-05-29T00:00:00+08:00");
  });

  it("tells any client its phase and date without the control token, pin included", async () => {
    await jumpTo("2023-06-01T10:00:00+08:00");
    const open = await h.http.get("/sso/api/v1/simulator");
    expect(open.status).toBe(200);
    expect(simStatusSchema.parse(open.data)).toMatchObject({ phase: "parallel-run", phasePinned: false });
    await h.control.put("/__sim/phase", { phase: "2fa-only" });
    expect((await h.http.get("/sso/api/v1/simulator")).data).toEqual(
      (await h.control.get("/__sim/status")).data,
    );
  });

  it("pins a phase over the clock, and unpins with null", async () => {
    await jumpTo("2023-01-10T10:00:00+08:00");
    const pinned = phaseResponseSchema.parse(
      (await h.control.put("/__sim/phase", { phase: "2fa-only" })).data,
    );
    expect(pinned).toMatchObject({ phase: "2fa-only", phasePinned: true });
    expect((await begin("demo.user")).body?.state).toBe("OTP_REQUIRED");
    const free = phaseResponseSchema.parse((await h.control.put("/__sim/phase", { phase: null })).data);
    expect(free).toMatchObject({ phase: "smartcard-only", phasePinned: false });
    const bad = await h.control.put("/__sim/phase", { phase: "someday" });
    expect(bad.status).toBe(400);
    expect(bad.data.error.code).toBe("INVALID_INPUT");
  });

  it("moves the clock by offset and back to real time", async () => {
    const shifted = await h.control.put("/__sim/clock", { offsetMs: 86_400_000 });
    expect(shifted.data).toMatchObject({ offsetMs: 86_400_000, realTime: false });
    expect(Date.parse(shifted.data.now) - h.clock.ms).toBe(86_400_000);
    const back = await h.control.put("/__sim/clock", {});
    expect(back.data).toMatchObject({ offsetMs: 0, realTime: true });
    expect((await h.control.get("/__sim/clock")).data.now).toBe(new Date(h.clock.ms).toISOString());
  });

  it("before launch: smartcard only; a user without a card cannot sign in", async () => {
    await jumpTo("2023-04-01T10:00:00+08:00");
    const card = await begin("demo.user");
    expect(card.body).toMatchObject({
      state: "SMARTCARD_REQUIRED",
      factors: ["smartcard"],
      phase: "smartcard-only",
    });
    expect(tokenOf(card.body)).toBeTruthy();
    const noCard = await begin("demo.newuser");
    expect(noCard.status).toBe(403);
    expect(noCard.raw.error.code).toBe("METHOD_NOT_ALLOWED_FOR_USER");
  });

  it("parallel run: a card holder created before launch chooses; a user created after launch has 2FA only", async () => {
    await jumpTo("2023-06-05T10:00:00+08:00");
    const holder = await begin("demo.user");
    expect(holder.body).toMatchObject({
      state: "METHOD_CHOICE",
      factors: ["otp", "smartcard"],
      phase: "parallel-run",
    });
    const chosen = await h.post(`${authn}/factor`, { stateToken: tokenOf(holder.body), factor: "otp" });
    expect(authnResponseSchema.parse(chosen.data)).toMatchObject({
      state: "OTP_REQUIRED",
      factors: ["otp", "smartcard"],
      maskedEmail: "d*******r@cp001.example.com",
    });
    const toCard = await h.post(`${authn}/factor`, {
      stateToken: tokenOf(holder.body),
      factor: "smartcard",
    });
    expect(authnResponseSchema.parse(toCard.data).state).toBe("SMARTCARD_REQUIRED");

    const created = await h.control.post("/__sim/users", {
      userId: "late.joiner",
      password: demoPassword,
      email: "late@cp001.example.com",
      role: "user",
      participant: "CP001",
      clearingHouse: "HKSCC",
      hasSmartcard: true,
      createdAt: "2023-06-01T09:00:00+08:00",
    });
    expect(created.status).toBe(201);
    for (const userId of ["late.joiner", "demo.newuser"]) {
      const step = await begin(userId);
      expect(step.body).toMatchObject({ state: "OTP_REQUIRED", factors: ["otp"] });
      const refuse = await h.post(`${authn}/factor`, {
        stateToken: tokenOf(step.body),
        factor: "smartcard",
      });
      expect(refuse.status).toBe(403);
      expect(refuse.data.error.code).toBe("METHOD_NOT_ALLOWED_FOR_USER");
    }
  });

  it("parallel run: no email, but a card holder from before launch is offered the smartcard", async () => {
    await jumpTo("2023-06-05T10:00:00+08:00");
    const step = await begin("demo.noemail");
    expect(step.body).toMatchObject({ state: "EMAIL_NOT_REGISTERED", factors: ["smartcard"] });
    expect(answerAt(step.body, "EMAIL_NOT_REGISTERED").message).toContain("Delegated Administrator");
    const card = await h.post(`${authn}/factor`, { stateToken: tokenOf(step.body), factor: "smartcard" });
    expect(authnResponseSchema.parse(card.data).state).toBe("SMARTCARD_REQUIRED");
    const otp = await h.post(`${authn}/factor`, { stateToken: tokenOf(step.body), factor: "otp" });
    expect(otp.status).toBe(403);
  });

  it("2FA only: the smartcard is refused as decommissioned", async () => {
    await jumpTo("2023-08-01T10:00:00+08:00");
    const step = await begin("demo.user");
    expect(step.body).toMatchObject({ state: "OTP_REQUIRED", factors: ["otp"], phase: "2fa-only" });
    const card = await h.post(`${authn}/factor`, { stateToken: tokenOf(step.body), factor: "smartcard" });
    expect(card.status).toBe(200);
    expect(answerAt(card.data, "METHOD_DECOMMISSIONED").message).toContain("decommissioned");
  });

  it("a phase change mid-login applies to the next step", async () => {
    await jumpTo("2023-07-30T23:00:00+08:00");
    const step = await begin("demo.user");
    expect(step.body?.state).toBe("METHOD_CHOICE");
    await h.control.put("/__sim/phase", { phase: "2fa-only" });
    const card = await h.post(`${authn}/factor`, { stateToken: tokenOf(step.body), factor: "smartcard" });
    expect(authnResponseSchema.parse(card.data).state).toBe("METHOD_DECOMMISSIONED");
  });
});
