import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Room, roomSchema } from "../../../shared/wire/room.js";
import { answerAt } from "../../support/authn-answers.js";
import { demoPassword, type Harness, startHarness } from "./sim-harness.js";

const authn = "/sso/api/v1/authn";
let h: Harness;

// Launch day: card holders created before launch choose; others get the code at once.
beforeAll(async () => {
  h = await startHarness({}, "2023-05-29T10:00:00+08:00");
});
afterAll(async () => h.close());

async function room(): Promise<Room> {
  const res = await h.control.get("/__sim/room");
  expect(res.status).toBe(200);
  return roomSchema.parse(res.data);
}
const trainee = async (userId: string) => (await room()).trainees.find((t) => t.userId === userId);

async function signInWithOtp(userId: string): Promise<string> {
  const begun = (await h.post(authn, { userId, password: demoPassword })).data as {
    state: string;
    stateToken: string;
  };
  const stateToken =
    begun.state === "METHOD_CHOICE"
      ? answerAt(
          (await h.post(`${authn}/factor`, { stateToken: begun.stateToken, factor: "otp" })).data,
          "OTP_REQUIRED",
        ).stateToken
      : answerAt(begun, "OTP_REQUIRED").stateToken;
  const done = answerAt(
    (await h.post(`${authn}/otp/verify`, { stateToken, otp: await h.latestOtp(userId) })).data,
    "SUCCESS",
  );
  return done.sessionToken;
}

describe("the trainer's view of the room", () => {
  it("lists whoever signed in or tried since the last start over, with the step each is on", async () => {
    expect((await h.control.post("/__sim/rehearsal/start-over")).status).toBe(200);
    expect((await room()).trainees).toEqual([]);
    // demo.newuser (no card) is at the code; demo.user (card holder) at the choice; demo.da signed in.
    answerAt((await h.post(authn, { userId: "demo.newuser", password: demoPassword })).data, "OTP_REQUIRED");
    answerAt((await h.post(authn, { userId: "demo.user", password: demoPassword })).data, "METHOD_CHOICE");
    await signInWithOtp("demo.da");
    // demo.noemail mistypes the password: tried, and still at the password.
    expect((await h.post(authn, { userId: "demo.noemail", password: "Wrong#2023pass" })).status).toBe(401);
    const seen = await room();
    expect(seen.since).not.toBeNull();
    expect(seen.phase).toBe("parallel-run");
    expect(seen.trainees.map((t) => [t.userId, t.step, t.signedIn])).toEqual([
      ["demo.da", "desktop", true],
      ["demo.newuser", "otp", false],
      ["demo.noemail", "password", false],
      ["demo.user", "method-choice", false],
    ]);
    expect(seen.trainees[0]).toMatchObject({
      participant: "CP001",
      participantName: "Demo Securities Limited",
      role: "da",
      lockedUntil: null,
      practice: { done: 1, applicable: expect.any(Number) },
    });
    expect(seen.trainees[0]?.practice.items).toContainEqual({
      id: "otp-sign-in",
      done: true,
      pending: false,
    });
    // demo.hkcc never tried: not in the room.
    expect(seen.trainees.map((t) => t.userId)).not.toContain("demo.hkcc");
  });

  it("shows the smartcard step and a lock", async () => {
    const choice = answerAt(
      (await h.post(authn, { userId: "demo.user", password: demoPassword })).data,
      "METHOD_CHOICE",
    );
    await h.post(`${authn}/factor`, { stateToken: choice.stateToken, factor: "smartcard" });
    expect(await trainee("demo.user")).toMatchObject({ step: "smartcard" });
    for (let i = 0; i < 5; i++) await h.post(authn, { userId: "demo.noemail", password: "Wrong#2023pass" });
    expect((await trainee("demo.noemail"))?.lockedUntil).not.toBeNull();
  });

  it("unlocks one trainee, ends one trainee's session, and nobody else's", async () => {
    const daToken = await signInWithOtp("demo.da");
    const userToken = await signInWithOtp("demo.newuser");
    const unlocked = await h.control.post("/__sim/room/trainees/demo.noemail/unlock");
    expect(unlocked.data).toEqual({ userId: "demo.noemail", wasLocked: true });
    expect((await trainee("demo.noemail"))?.lockedUntil).toBeNull();

    const ended = await h.control.post("/__sim/room/trainees/demo.newuser/end-session");
    expect(ended.data).toEqual({ userId: "demo.newuser", ended: 1 });
    const session = (token: string) =>
      h.http.get("/sso/api/v1/session/status", { headers: { authorization: `Bearer ${token}` } });
    const gone = await session(userToken);
    expect(gone.status).toBe(401);
    expect(gone.data).toMatchObject({
      error: { code: "SESSION_EXPIRED", details: { reason: "signed-out-elsewhere" } },
    });
    expect((await session(daToken)).status).toBe(200);
    expect(await trainee("demo.newuser")).toMatchObject({ signedIn: false, step: "password" });
    expect(await trainee("demo.da")).toMatchObject({ signedIn: true });
    const audit = await h.control.get("/__sim/audit", { params: { event: "trainer.end-session" } });
    expect(audit.data).toMatchObject({
      events: [expect.objectContaining({ userId: "demo.newuser", method: "control" })],
    });
  });

  it("starts one trainee over: their sign-ins, lock, codes and practice record go; the others stay", async () => {
    const before = await room();
    const daToken = await signInWithOtp("demo.da");
    answerAt((await h.post(authn, { userId: "demo.user", password: demoPassword })).data, "METHOD_CHOICE");
    const res = await h.control.post("/__sim/room/trainees/demo.da/start-over");
    expect(res.data).toEqual({ userId: "demo.da", sessionsEnded: expect.any(Number) });
    expect(res.data.sessionsEnded).toBeGreaterThan(0);
    const after = await room();
    expect(after.trainees.map((t) => t.userId)).toEqual(
      before.trainees.map((t) => t.userId).filter((id) => id !== "demo.da"),
    );
    expect((await h.control.get("/__sim/mailbox", { params: { userId: "demo.da" } })).data).toEqual({
      messages: [],
    });
    expect(
      (await h.http.get("/sso/api/v1/session", { headers: { authorization: `Bearer ${daToken}` } })).status,
    ).toBe(401);
    // demo.user's sign-in in progress and record are untouched.
    expect(await trainee("demo.user")).toMatchObject({ step: "method-choice" });
    expect(
      (await h.control.get("/__sim/mailbox", { params: { userId: "demo.newuser" } })).data.messages.length,
    ).toBeGreaterThan(0);
    // Back in the room when they try again, with a fresh practice record.
    await signInWithOtp("demo.da");
    expect((await trainee("demo.da"))?.practice.items).toContainEqual({
      id: "otp-sign-in",
      done: true,
      pending: false,
    });
    const daEvents = await h.control.get("/__sim/audit", {
      params: { userId: "demo.da", event: "authn.success" },
    });
    expect(daEvents.data.events).toHaveLength(1);
  });

  it("answers 404 for an unknown trainee, 400 for a bad ID, 401 without the token", async () => {
    expect((await h.control.post("/__sim/room/trainees/no.such.user/unlock")).status).toBe(404);
    expect((await h.control.post("/__sim/room/trainees/bad%20id!/unlock")).status).toBe(400);
    expect((await h.http.get("/__sim/room")).status).toBe(401);
    expect((await h.control.get("/__sim/room?x=1")).status).toBe(400);
  });
});
