import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authnResponseSchema, passwordPolicy } from "../../../shared/wire/authn.js";
import { answerAt } from "../../support/authn-answers.js";
import { SqliteStorage } from "../../../simulator/store/sqlite/sqlite-storage.js";
import { type Harness, startHarness } from "./sim-harness.js";

const authn = "/sso/api/v1/authn";
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

async function createUser(userId: string, password: string, extra: Record<string, unknown> = {}) {
  const res = await h.control.post("/__sim/users", {
    userId,
    password,
    email: `${userId}@cp001.example.com`,
    role: "user",
    participant: "CP001",
    clearingHouse: "HKSCC",
    ...extra,
  });
  expect(res.status).toBe(201);
}

async function expiredStep(userId: string, password: string): Promise<string> {
  const body = answerAt((await h.post(authn, { userId, password })).data, "PASSWORD_EXPIRED");
  expect(body.message).toContain(passwordPolicy.text);
  return body.stateToken;
}

describe("expired passwords", () => {
  it("asks for a new password that meets the policy, then continues to the OTP", async () => {
    await createUser("expired.one", "Old#Password1", { passwordExpired: true });
    const stateToken = await expiredStep("expired.one", "Old#Password1");

    const cases: Array<[string, string, string]> = [
      ["Short#1a", "at least 10 characters", "length"],
      ["alllowercaseletters", "at least 3 of", "classes"],
      ["Xexpired.one#2023", "must not contain the user ID", "notUserId"],
      ["Old#Password1", "not one of the last 5 passwords", "notRecent"],
    ];
    for (const [newPassword, problem, rule] of cases) {
      const res = await h.post(`${authn}/password/change`, { stateToken, newPassword });
      expect(res.status, newPassword).toBe(400);
      expect(res.data.error.code).toBe("PASSWORD_POLICY");
      expect(res.data.error.message).toContain(problem);
      expect(res.data.error.details.rules).toEqual([rule]);
      expect(res.data.error.message).not.toContain(newPassword);
    }
    // an OTP cannot be asked for before the change
    expect((await h.post(`${authn}/otp/resend`, { stateToken })).data.error.code).toBe("WRONG_STATE");

    const ok = await h.post(`${authn}/password/change`, { stateToken, newPassword: "Brand#New2023pw" });
    expect(ok.status).toBe(200);
    const step = authnResponseSchema.parse(ok.data);
    expect(step.state).toBe("OTP_REQUIRED");
    const done = await h.post(`${authn}/otp/verify`, { stateToken, otp: await h.latestOtp("expired.one") });
    expect(authnResponseSchema.parse(done.data).state).toBe("SUCCESS");

    expect((await h.post(authn, { userId: "expired.one", password: "Old#Password1" })).status).toBe(401);
    const fresh = authnResponseSchema.parse(
      (await h.post(authn, { userId: "expired.one", password: "Brand#New2023pw" })).data,
    );
    expect(fresh.state).toBe("OTP_REQUIRED");
  });

  it("expires passwords older than a configured maximum age", async () => {
    const aged = await startHarness({ config: { passwordMaxAgeMs: 90 * 86_400_000 } });
    try {
      const res = await aged.post(authn, { userId: "demo.user", password: "Demo#2023pass" });
      expect(authnResponseSchema.parse(res.data).state).toBe("PASSWORD_EXPIRED");
    } finally {
      await aged.close();
    }
  });

  it("remembers the last 5 passwords", async () => {
    await createUser("history.user", "First#Pass2023");
    const { context } = h.sim;
    const user = await context.users.find("history.user");
    if (!user) throw new Error("missing user");
    const passwords = [
      "Second#Pass2023",
      "Third#Pass2023",
      "Fourth#Pass2023",
      "Fifth#Pass2023",
      "Sixth#Pass2023",
    ];
    let current = "First#Pass2023";
    for (const next of passwords) {
      await context.users.changePassword(user.userKey, await context.hasher.hash(next), h.clock.ms);
      current = next;
    }
    if (!(context.storage instanceof SqliteStorage)) throw new Error("this test reaches into SQLite");
    const { db } = context.storage;
    db.prepare("UPDATE users SET password_expired = 1 WHERE user_key = ?").run(user.userKey);
    const stateToken = await expiredStep("history.user", current);
    const reuse = await h.post(`${authn}/password/change`, { stateToken, newPassword: "Second#Pass2023" });
    expect(reuse.data.error.code).toBe("PASSWORD_POLICY");
    // "First" is now 6 changes back: allowed again
    const old = await h.post(`${authn}/password/change`, { stateToken, newPassword: "First#Pass2023" });
    expect(authnResponseSchema.parse(old.data).state).toBe("OTP_REQUIRED");
  });
});
