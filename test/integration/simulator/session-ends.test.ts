import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema } from "../../../shared/error-schemas.js";
import { sessionResponseSchema } from "../../../shared/wire/authn.js";
import { auditResponseSchema } from "../../../shared/wire/control.js";
import {
  endSessionsResponseSchema,
  recentSignInsSchema,
  sessionStatusResponseSchema,
} from "../../../shared/wire/session.js";
import { as, signInWithOtp } from "../../support/wire-sign-in.js";
import { demoPassword, type Harness, startHarness } from "./sim-harness.js";

const session = "/sso/api/v1/session";
const minute = 60_000;
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ config: { sessionIdleMs: 15 * minute, sessionAbsoluteMs: 30 * minute } });
});
afterAll(async () => h.close());

const errorOf = (res: { data: unknown }) => errorBodySchema.parse(res.data).error;

async function ended(token: string) {
  const res = await h.http.get(session, as(token));
  expect(res.status).toBe(401);
  return errorOf(res);
}

async function advance(ms: number) {
  h.clock.advance(ms);
}

async function createUser(userId: string) {
  const res = await h.control.post("/__sim/users", {
    userId,
    password: demoPassword,
    email: `${userId}@cp001.example.com`,
    role: "user",
    participant: "CP001",
    clearingHouse: "HKSCC",
  });
  expect(res.status).toBe(201);
}

describe("every way the server ends a session says why", () => {
  it("idle: a request extends the idle time; the status does not", async () => {
    const token = await signInWithOtp(h, "demo.user");
    await advance(10 * minute);
    const status = await h.http.get(`${session}/status`, as(token));
    expect(status.status).toBe(200);
    const body = sessionStatusResponseSchema.parse(status.data);
    expect(body.serverTime).toBe(new Date(h.clock.ms).toISOString());
    await advance(6 * minute);
    expect(await ended(token)).toMatchObject({
      code: "SESSION_EXPIRED",
      details: { reason: "idle", limitMinutes: 15 },
    });

    const kept = await signInWithOtp(h, "demo.user");
    await advance(10 * minute);
    const touched = sessionResponseSchema.parse((await h.http.get(session, as(kept))).data);
    expect(Date.parse(touched.session.idleExpiresAt)).toBe(h.clock.ms + 15 * minute);
    await advance(10 * minute);
    expect((await h.http.get(session, as(kept))).status).toBe(200);
  });

  it("absolute: the limit from sign-in, whatever the activity", async () => {
    const token = await signInWithOtp(h, "demo.user");
    for (let i = 0; i < 3; i++) {
      await advance(10 * minute);
      if (i < 2) expect((await h.http.get(session, as(token))).status).toBe(200);
    }
    expect(await ended(token)).toMatchObject({ details: { reason: "absolute", limitMinutes: 30 } });
  });

  it("signed out with its own token", async () => {
    const token = await signInWithOtp(h, "demo.user");
    expect((await h.http.delete(session, as(token))).status).toBe(204);
    expect(await ended(token)).toMatchObject({ details: { reason: "signed-out" } });
  });

  it("ended elsewhere by the control API, every live session of the user", async () => {
    await createUser("ends.elsewhere");
    const first = await signInWithOtp(h, "ends.elsewhere");
    const second = await signInWithOtp(h, "ends.elsewhere");
    const other = await signInWithOtp(h, "demo.user");
    const res = await h.control.post("/__sim/users/ends.elsewhere/sessions/end", {});
    expect(endSessionsResponseSchema.parse(res.data)).toEqual({
      userId: "ends.elsewhere",
      reason: "signed-out-elsewhere",
      ended: 2,
    });
    for (const token of [first, second]) {
      expect(await ended(token)).toMatchObject({ details: { reason: "signed-out-elsewhere" } });
    }
    expect((await h.http.get(session, as(other))).status).toBe(200);
    const again = await h.control.post("/__sim/users/ends.elsewhere/sessions/end", {
      reason: "account-locked",
    });
    expect(endSessionsResponseSchema.parse(again.data).ended).toBe(0);
    expect((await h.control.post("/__sim/users/nobody.here/sessions/end", {})).status).toBe(404);
    expect((await h.control.post("/__sim/users/demo.user/sessions/end", { reason: "idle" })).status).toBe(
      400,
    );
    expect((await h.http.post("/__sim/users/demo.user/sessions/end", {})).status).toBe(401);
  });

  it("the account locked by its DA; a DA cannot lock their own", async () => {
    await createUser("ends.locked");
    const token = await signInWithOtp(h, "ends.locked");
    const da = await signInWithOtp(h, "demo.da");
    const res = await h.http.post("/sso/api/v1/admin/users/ends.locked/lock", undefined, as(da));
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ sessionsEnded: 1, user: { lockedUntil: "9999-12-31T23:59:59.000Z" } });
    expect(await ended(token)).toMatchObject({ details: { reason: "account-locked" } });
    const login = await h.post("/sso/api/v1/authn", { userId: "ends.locked", password: demoPassword });
    expect(login.data).toMatchObject({ state: "LOCKED_OUT" });
    const self = await h.http.post("/sso/api/v1/admin/users/demo.da/lock", undefined, as(da));
    expect(self.status).toBe(403);
    expect(errorOf(self).message).toContain("your own account");
  });

  it("the simulator reset; a sign-in afterwards works", async () => {
    const token = await signInWithOtp(h, "demo.user");
    const revoked = await signInWithOtp(h, "demo.user");
    expect((await h.http.delete(session, as(revoked))).status).toBe(204);
    expect((await h.control.post("/__sim/reset")).status).toBe(200);
    expect(await ended(token)).toMatchObject({ details: { reason: "simulator-reset" } });
    // A session that had already ended before the reset is simply gone.
    expect(errorOf(await h.http.get(session, as(revoked))).code).toBe("UNAUTHORIZED");
    const fresh = await signInWithOtp(h, "demo.user");
    expect((await h.http.get(session, as(fresh))).status).toBe(200);
  });
});

describe("re-authentication unlocks a session with the password", () => {
  const reauth = `${session}/reauthenticate`;

  it("extends the session with the right password; a wrong one counts towards the lockout and ends it", async () => {
    await createUser("reauth.user");
    const token = await signInWithOtp(h, "reauth.user");
    await advance(5 * minute);
    const ok = await h.http.post(reauth, { password: demoPassword }, as(token));
    expect(ok.status).toBe(200);
    expect(Date.parse(sessionResponseSchema.parse(ok.data).session.idleExpiresAt)).toBe(
      h.clock.ms + 15 * minute,
    );

    // Three wrong passwords at sign-in elsewhere, then wrong ones here: the fifth locks the account.
    for (let i = 0; i < 3; i++) {
      expect(
        (await h.post("/sso/api/v1/authn", { userId: "reauth.user", password: "Nope#12345" })).status,
      ).toBe(401);
    }
    const wrong = await h.http.post(reauth, { password: "Nope#12345" }, as(token));
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong).code).toBe("INVALID_CREDENTIALS");
    expect((await h.http.get(session, as(token))).status).toBe(200);
    const fifth = await h.http.post(reauth, { password: "Nope#12345" }, as(token));
    expect(fifth.status).toBe(401);
    expect(errorOf(fifth)).toMatchObject({ code: "SESSION_EXPIRED", details: { reason: "account-locked" } });
    expect(await ended(token)).toMatchObject({ details: { reason: "account-locked" } });
    const audit = await h.control.get("/__sim/audit", { params: { userId: "reauth.user" } });
    const outcomes = auditResponseSchema
      .parse(audit.data)
      .events.filter((e) => e.event === "session.reauthenticate")
      .map((e) => e.outcome);
    expect(outcomes).toEqual(["success", "failure", "failure-locked"]);
    expect(JSON.stringify(audit.data)).not.toContain("Nope#12345");
  });

  it("refuses a bad body and a missing token", async () => {
    const token = await signInWithOtp(h, "demo.user");
    expect(errorOf(await h.http.post(reauth, {}, as(token))).code).toBe("INVALID_INPUT");
    expect((await h.http.post(reauth, { password: demoPassword })).status).toBe(401);
  });
});

describe("recent sign-ins, from the audit log", () => {
  it("a first sign-in has none before it; the next shows it and the failed attempts since", async () => {
    await createUser("recent.user");
    const first = await signInWithOtp(h, "recent.user");
    const none = recentSignInsSchema.parse((await h.http.get(`${session}/sign-ins`, as(first))).data);
    expect(none).toEqual({ previous: null, failedAttempts: 0, lastFailureAt: null });
    const firstAt = h.clock.ms;

    await advance(60 * minute);
    expect(
      (await h.post("/sso/api/v1/authn", { userId: "recent.user", password: "Wrong#pass1" })).status,
    ).toBe(401);
    await advance(minute);
    const begin = await h.post("/sso/api/v1/authn", { userId: "recent.user", password: demoPassword });
    const wrongOtp = await h.post("/sso/api/v1/authn/otp/verify", {
      stateToken: (begin.data as { stateToken: string }).stateToken,
      otp: "000000",
    });
    expect(wrongOtp.status).toBe(401);
    const failedAt = h.clock.ms;
    await advance(minute);
    const second = await signInWithOtp(h, "recent.user");
    const recent = recentSignInsSchema.parse((await h.http.get(`${session}/sign-ins`, as(second))).data);
    expect(recent).toEqual({
      previous: { at: new Date(firstAt).toISOString(), method: "otp" },
      failedAttempts: 2,
      lastFailureAt: new Date(failedAt).toISOString(),
    });
  });
});
