import crypto from "node:crypto";
import { type RunningSimulator } from "../../simulator/index.js";

export const TRAINEES = 200;
const PASSWORD = "Bench#2023pass";
const trainee = (i: number) => `room.t${String(i).padStart(3, "0")}`;
/** Every seventh trainee is locked out (the bench unlocks some to time a change reaching the page). */
export const LOCKED_TRAINEES = Array.from({ length: TRAINEES }, (_, i) => i + 1)
  .filter((n) => n % 7 === 0)
  .map(trainee);

/**
 * A room of 200 trainees in ten participants (one in ten a DA), each with a morning's practice in the
 * audit log: a password, most an OTP sign-in (some after a wrong code, some with a resend), some a
 * connectivity check; half signed in now, a quarter at the code, some at the choice of method, every
 * seventh locked; and five DAs' email applications HKEX has not processed. Written into the stores.
 */
export async function seedRoom(sim: RunningSimulator): Promise<void> {
  const ctx = sim.context;
  const passwordHash = await ctx.hasher.hash(PASSWORD);
  const now = ctx.clock.nowMs();
  const record = (userId: string, event: string, method: string, outcome: string, detail?: string) =>
    ctx.audit.record({ userId, event, method, outcome, clientAddress: "10.0.0.7", detail: detail ?? null });
  // The room begins at a start over.
  ctx.audit.record({
    userId: null,
    event: "trainer.start-over",
    method: "control",
    outcome: "done",
    clientAddress: null,
  });
  for (let n = 1; n <= TRAINEES; n++) {
    const userId = trainee(n);
    const role = n % 10 === 0 ? "da" : "user";
    const participant = `CP${100 + Math.ceil(n / 20)}`;
    await ctx.storage.users.create({
      userId,
      displayName: `Trainee ${n}`,
      role,
      participant,
      participantName: `Bench Participant ${participant}`,
      clearingHouse: "HKSCC",
      email: role === "da" && n % 40 === 0 ? null : `${userId}@bench.example.com`,
      hasSmartcard: n % 3 !== 0,
      createdAt: Date.parse("2022-06-01T09:00:00+08:00"),
      passwordHash,
      passwordChangedAt: Date.parse("2022-06-01T09:00:00+08:00"),
      passwordExpired: false,
    });
    record(userId, "authn.password", "password", "success");
    if (n % 5 !== 0) {
      record(userId, "authn.otp-sent", "otp", "sent");
      if (n % 4 === 0) record(userId, "authn.otp", "otp", "failure");
      if (n % 6 === 0) record(userId, "authn.otp-resend", "otp", "sent");
      record(userId, "authn.success", "otp", "success");
    }
    if (n % 3 === 0)
      record(userId, "practice.connectivity-check", "check", "pass", "https://sso.example/sso");
    if (role === "da")
      record(`${userId}.x`, "admin.email.set", "admin", "success", `by ${userId}: none -> x`);
    const key = userId;
    if (n % 2 === 0) {
      await ctx.storage.sessions.create(crypto.randomBytes(32), key, "otp", now, 8 * 3_600_000);
    } else if (n % 4 === 1 || n % 8 === 3) {
      await ctx.storage.logins.create({
        tokenHash: crypto.randomBytes(32),
        userKey: key,
        state: n % 4 === 1 ? "OTP_REQUIRED" : "METHOD_CHOICE",
        factors: ["otp", "smartcard"],
        createdAt: now,
        expiresAt: now + 3_600_000,
      });
    }
    if (LOCKED_TRAINEES.includes(userId)) await ctx.storage.lockouts.lock(key, now + 3_600_000);
  }
  const das = await ctx.storage.users.list();
  for (const da of das.filter((u) => u.role === "da" && u.userId.startsWith("room.")).slice(0, 5)) {
    await ctx.daEmail.submit(da, da, `new.${da.userId}@bench.example.com`, null);
  }
  await new Promise<void>((resolve) => ctx.storage.commits.afterCommit(() => resolve()));
}
