import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authnResponseSchema, sessionResponseSchema } from "../../../shared/wire/authn.js";
import { errorBodySchema } from "../../../shared/error-schemas.js";
import { answerAt } from "../../support/authn-answers.js";
import { demoPassword, type Harness, startHarness } from "./sim-harness.js";

const authn = "/sso/api/v1/authn";
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ config: { lockoutThreshold: 5 } });
});
afterAll(async () => h.close());

async function beginOtp(userId = "demo.user"): Promise<string> {
  const res = await h.post(authn, { userId, password: demoPassword });
  expect(res.status).toBe(200);
  return answerAt(res.data, "OTP_REQUIRED").stateToken;
}

function errorCode(res: { data: unknown }): string {
  return errorBodySchema.parse(res.data).error.code;
}

describe("password + OTP login over HTTPS", () => {
  it("signs in with password and the mailed OTP, and the session works until revoked", async () => {
    const res = await h.post(authn, { userId: "demo.user", password: demoPassword });
    expect(res.status).toBe(200);
    const step = answerAt(res.data, "OTP_REQUIRED");
    expect(step).toMatchObject({
      state: "OTP_REQUIRED",
      userId: "demo.user",
      maskedEmail: "d*******r@cp001.example.com",
      resendsRemaining: 5,
      attemptsRemaining: 5,
      factors: ["otp"],
      phase: "2fa-only",
    });
    expect(Date.parse(step.otpExpiresAt) - h.clock.ms).toBe(5 * 60_000);
    expect(Date.parse(step.resendAvailableAt) - h.clock.ms).toBe(30_000);

    const mail = await h.control.get("/__sim/mailbox", { params: { to: "demo.user@cp001.example.com" } });
    const last = mail.data.messages.at(-1);
    expect(last.subject).toContain("CCMS");
    expect(last.text).toContain(last.otp);
    expect(last.text).toContain("一次性密碼");
    expect(last.otp).toMatch(/^\d{6}$/);

    const ok = await h.post(`${authn}/otp/verify`, { stateToken: step.stateToken, otp: last.otp });
    expect(ok.status).toBe(200);
    const success = answerAt(ok.data, "SUCCESS");
    expect(success.session).toMatchObject({
      userId: "demo.user",
      role: "user",
      participant: "CP001",
      participantName: "Demo Securities Limited",
      clearingHouse: "HKSCC",
      authMethod: "otp",
    });
    const bearer = { headers: { authorization: `Bearer ${success.sessionToken}` } };
    const me = await h.http.get("/sso/api/v1/session", bearer);
    expect(me.status).toBe(200);
    expect(sessionResponseSchema.parse(me.data).session.userId).toBe("demo.user");

    // the OTP is single use: the state token is spent
    const again = await h.post(`${authn}/otp/verify`, { stateToken: step.stateToken, otp: last.otp });
    expect(again.status).toBe(401);
    expect(errorCode(again)).toBe("INVALID_STATE_TOKEN");

    const out = await h.http.delete("/sso/api/v1/session", bearer);
    expect(out.status).toBe(204);
    const gone = await h.http.get("/sso/api/v1/session", bearer);
    expect(gone.status).toBe(401);
    expect(errorCode(gone)).toBe("SESSION_EXPIRED");
  });

  it("answers a wrong password and an unknown user identically", async () => {
    const wrong = await h.post(authn, { userId: "demo.hkcc", password: "not-the-password" });
    const unknown = await h.post(authn, { userId: "nobody.here", password: "not-the-password" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.data).toEqual(wrong.data);
    expect(errorCode(wrong)).toBe("INVALID_CREDENTIALS");
  });

  it("locks after 5 wrong passwords in the window, for known and unknown IDs alike, until unlocked", async () => {
    for (const userId of ["demo.da", "ghost.user"]) {
      for (let i = 1; i <= 4; i++) {
        const res = await h.post(authn, { userId, password: `wrong-${i}` });
        expect(res.status).toBe(401);
      }
      const fifth = await h.post(authn, { userId, password: "wrong-5" });
      expect(fifth.status).toBe(200);
      const locked = answerAt(fifth.data, "LOCKED_OUT");
      expect(Date.parse(locked.lockedUntil) - h.clock.ms).toBe(15 * 60_000);
    }
    // the right password does not get through a lock
    const right = await h.post(authn, { userId: "DEMO.DA", password: demoPassword });
    expect(authnResponseSchema.parse(right.data).state).toBe("LOCKED_OUT");

    const unlock = await h.control.post("/__sim/users/demo.da/unlock");
    expect(unlock.status).toBe(200);
    const after = await h.post(authn, { userId: "demo.da", password: demoPassword });
    expect(authnResponseSchema.parse(after.data).state).toBe("OTP_REQUIRED");
  });

  it("lifts a lock after 15 minutes by the clock", async () => {
    for (let i = 0; i < 5; i++) await h.post(authn, { userId: "demo.hkcc", password: "bad" });
    expect(
      authnResponseSchema.parse((await h.post(authn, { userId: "demo.hkcc", password: demoPassword })).data)
        .state,
    ).toBe("LOCKED_OUT");
    h.clock.advance(15 * 60_000 + 1);
    const res = await h.post(authn, { userId: "demo.hkcc", password: demoPassword });
    expect(authnResponseSchema.parse(res.data).state).toBe("OTP_REQUIRED");
  });

  it("counts wrong OTPs: 4 tell the tries left, the 5th voids the code until a resend", async () => {
    const stateToken = await beginOtp();
    const otp = await h.latestOtp("demo.user");
    const wrongOtp = otp === "000000" ? "111111" : "000000";
    for (let left = 4; left >= 1; left--) {
      const res = await h.post(`${authn}/otp/verify`, { stateToken, otp: wrongOtp });
      expect(res.status).toBe(401);
      expect(res.data.error).toMatchObject({ code: "INVALID_OTP", details: { attemptsRemaining: left } });
    }
    const fifth = await h.post(`${authn}/otp/verify`, { stateToken, otp: wrongOtp });
    expect(errorCode(fifth)).toBe("TOO_MANY_ATTEMPTS");
    const rightButVoid = await h.post(`${authn}/otp/verify`, { stateToken, otp });
    expect(errorCode(rightButVoid)).toBe("TOO_MANY_ATTEMPTS");

    h.clock.advance(30_000);
    const resend = await h.post(`${authn}/otp/resend`, { stateToken });
    expect(resend.status).toBe(200);
    const fresh = await h.latestOtp("demo.user");
    const old = await h.post(`${authn}/otp/verify`, { stateToken, otp });
    if (fresh !== otp) expect(errorCode(old)).toBe("INVALID_OTP");
    const ok = await h.post(`${authn}/otp/verify`, { stateToken, otp: fresh });
    expect(authnResponseSchema.parse(ok.data).state).toBe("SUCCESS");
  });

  it("refuses an OTP after 5 minutes by the clock", async () => {
    const stateToken = await beginOtp();
    const otp = await h.latestOtp("demo.user");
    h.clock.advance(5 * 60_000);
    const res = await h.post(`${authn}/otp/verify`, { stateToken, otp });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe("OTP_EXPIRED");
  });

  it("expires the state token itself after 15 minutes", async () => {
    const stateToken = await beginOtp();
    h.clock.advance(15 * 60_000);
    const res = await h.post(`${authn}/otp/resend`, { stateToken });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe("EXPIRED");
    const unknown = await h.post(`${authn}/otp/verify`, { stateToken: "x".repeat(43), otp: "123456" });
    expect(unknown.status).toBe(401);
    expect(errorCode(unknown)).toBe("INVALID_STATE_TOKEN");
  });

  it("holds resends to a 30 s cooldown and 5 per login, and a resend replaces the code", async () => {
    const stateToken = await beginOtp();
    const first = await h.latestOtp("demo.user");
    const early = await h.post(`${authn}/otp/resend`, { stateToken });
    expect(early.status).toBe(429);
    expect(early.data.error.code).toBe("RESEND_COOLDOWN");
    expect(Date.parse(early.data.error.details.retryAt) - h.clock.ms).toBe(30_000);
    expect(Number(early.headers["retry-after"])).toBe(30);

    for (let i = 1; i <= 5; i++) {
      h.clock.advance(30_000);
      const res = await h.post(`${authn}/otp/resend`, { stateToken });
      expect(res.status).toBe(200);
      expect(answerAt(res.data, "OTP_REQUIRED").resendsRemaining).toBe(5 - i);
    }
    h.clock.advance(30_000);
    const over = await h.post(`${authn}/otp/resend`, { stateToken });
    expect(over.status).toBe(429);
    expect(errorCode(over)).toBe("RESEND_LIMIT");

    const latest = await h.latestOtp("demo.user");
    if (latest !== first) {
      expect(errorCode(await h.post(`${authn}/otp/verify`, { stateToken, otp: first }))).toBe("INVALID_OTP");
    }
    expect(
      authnResponseSchema.parse((await h.post(`${authn}/otp/verify`, { stateToken, otp: latest })).data)
        .state,
    ).toBe("SUCCESS");
  });

  it("cancels a login: its state token stops working", async () => {
    const stateToken = await beginOtp();
    const res = await h.post(`${authn}/cancel`, { stateToken });
    expect(res.status).toBe(204);
    const otp = await h.latestOtp("demo.user");
    expect(errorCode(await h.post(`${authn}/otp/verify`, { stateToken, otp }))).toBe("INVALID_STATE_TOKEN");
  });

  it("ends a session after 15 idle minutes, and any session after 8 hours", async () => {
    const signIn = async () => {
      const stateToken = await beginOtp();
      const res = await h.post(`${authn}/otp/verify`, { stateToken, otp: await h.latestOtp("demo.user") });
      return { headers: { authorization: `Bearer ${answerAt(res.data, "SUCCESS").sessionToken}` } };
    };
    const idle = await signIn();
    h.clock.advance(14 * 60_000);
    expect((await h.http.get("/sso/api/v1/session", idle)).status).toBe(200);
    h.clock.advance(14 * 60_000); // still alive: the previous call extended it
    expect((await h.http.get("/sso/api/v1/session", idle)).status).toBe(200);
    h.clock.advance(15 * 60_000);
    const expired = await h.http.get("/sso/api/v1/session", idle);
    expect(expired.status).toBe(401);
    expect(errorCode(expired)).toBe("SESSION_EXPIRED");

    const busy = await signIn();
    for (let t = 0; t < 8 * 60; t += 10) {
      h.clock.advance(10 * 60_000);
      const res = await h.http.get("/sso/api/v1/session", busy);
      if (t + 10 < 8 * 60) expect(res.status).toBe(200);
      else expect(errorCode(res)).toBe("SESSION_EXPIRED");
    }
    const none = await h.http.get("/sso/api/v1/session");
    expect(errorCode(none)).toBe("UNAUTHORIZED");
    const forged = await h.http.get("/sso/api/v1/session", { headers: { authorization: "Bearer abcdefgh" } });
    expect(errorCode(forged)).toBe("UNAUTHORIZED");
  });

  it("tells a user without an email to ask the DA (2FA-only phase: no way in)", async () => {
    const res = await h.post(authn, { userId: "demo.noemail", password: demoPassword });
    expect(res.status).toBe(200);
    const body = answerAt(res.data, "EMAIL_NOT_REGISTERED");
    expect(body.message).toContain("Delegated Administrator");
    expect(body.factors).toEqual([]);
    expect(body.stateToken).toBeUndefined();
  });
});
