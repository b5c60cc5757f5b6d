import { describe, expect, it } from "vitest";
import { passwordPolicyDetailsSchema } from "../../../shared/contract/auth.js";
import { passwordPolicy } from "../../../shared/wire/authn.js";
import { viewAt } from "../../support/authn-answers.js";
import { rejection, useSimulator } from "./auth-harness.js";

const OLD_PASSWORD = "Old#Password1";
const NEW_PASSWORD = "Brand#New2023pw";

const { newAuth, latestOtp, control } = useSimulator();

/** A user whose password must be changed at the next sign-in, made through the control API. */
async function expiredUser(userId: string): Promise<void> {
  const status = await control("POST", "/__sim/users", {
    userId,
    password: OLD_PASSWORD,
    email: `${userId}@cp001.example.com`,
    role: "user",
    participant: "CP001",
    clearingHouse: "HKSCC",
    passwordExpired: true,
  });
  expect(status).toBe(201);
}

describe("AuthClient: changing an expired password against the real simulator", () => {
  it("states the policy, refuses a weak password rule by rule, accepts a good one and goes on to the OTP", async () => {
    await expiredUser("pwc.a");
    const auth = newAuth();
    const first = viewAt(await auth.begin({ userId: "pwc.a", password: OLD_PASSWORD }), "PASSWORD_EXPIRED");
    expect(first.passwordPolicy).toEqual({
      minLength: passwordPolicy.minLength,
      minClasses: passwordPolicy.minClasses,
      historySize: passwordPolicy.historySize,
    });
    expect(JSON.stringify(first)).not.toMatch(/stateToken|sessionToken/);

    const weak = await rejection(auth.changePassword({ newPassword: "pwc.a" }));
    expect(weak.code).toBe("PASSWORD_POLICY");
    const details = passwordPolicyDetailsSchema.parse(weak.details);
    expect(details.rules).toEqual(["length", "classes", "notUserId"]);
    expect(details.problems).toHaveLength(3);
    expect(details.policy).toBe(passwordPolicy.text);
    expect(weak.message).toContain("does not meet the policy");

    const reused = await rejection(auth.changePassword({ newPassword: OLD_PASSWORD }));
    expect(reused.code).toBe("PASSWORD_POLICY");
    expect(passwordPolicyDetailsSchema.parse(reused.details).rules).toEqual(["notRecent"]);

    // The refusals kept the login: the good password is taken on the same step.
    const next = viewAt(await auth.changePassword({ newPassword: NEW_PASSWORD }), "OTP_REQUIRED");
    expect(next.maskedEmail).toMatch(/\*/);
    expect(next).not.toHaveProperty("passwordPolicy");

    const done = viewAt(await auth.verifyOtp({ otp: await latestOtp("pwc.a") }), "SUCCESS");
    expect(done.session.userId).toBe("pwc.a");
    await auth.signOut();
  });

  it("signs in with the new password afterwards, and no longer with the old one", async () => {
    await expiredUser("expired.later");
    const first = newAuth();
    expect((await first.begin({ userId: "expired.later", password: OLD_PASSWORD })).state).toBe(
      "PASSWORD_EXPIRED",
    );
    expect((await first.changePassword({ newPassword: NEW_PASSWORD })).state).toBe("OTP_REQUIRED");
    await first.cancel();

    const again = newAuth();
    const refused = await rejection(again.begin({ userId: "expired.later", password: OLD_PASSWORD }));
    expect(refused.code).toBe("INVALID_CREDENTIALS");
    const step = await again.begin({ userId: "expired.later", password: NEW_PASSWORD });
    expect(step.state).toBe("OTP_REQUIRED");
    const done = await again.verifyOtp({ otp: await latestOtp("expired.later") });
    expect(done.state).toBe("SUCCESS");
    await again.signOut();
  });

  it("refuses a change with no login in progress, and a change out of turn with WRONG_STATE", async () => {
    const idle = newAuth();
    expect((await rejection(idle.changePassword({ newPassword: NEW_PASSWORD }))).code).toBe(
      "NO_LOGIN_IN_PROGRESS",
    );

    const auth = newAuth();
    expect((await auth.begin({ userId: "demo.user", password: "Demo#2023pass" })).state).toBe("OTP_REQUIRED");
    expect((await rejection(auth.changePassword({ newPassword: NEW_PASSWORD }))).code).toBe("WRONG_STATE");
    await auth.cancel();
  });
});
