import { describe, expect, it } from "vitest";
import { maskEmail } from "../../../simulator/mail/mask-email.js";
import { passwordPolicyProblems } from "../../../simulator/features/authn/password-policy.js";
import { defaultSchedule } from "../../../simulator/config.js";
import { PasswordHasher } from "../../../simulator/crypto/password-hasher.js";
import { buildOtpMessage } from "../../../simulator/mail/otp-message.js";
import { phaseAt } from "../../../simulator/phase.js";

describe("phase schedule", () => {
  it("uses the HKCC circular's timeline: launch 29 May 2023, decommission 31 July 2023 (HKT)", () => {
    expect(defaultSchedule.userEmailRegistrationOpens).toBe("2022-12-19T00:00:00+08:00");
    expect(defaultSchedule.daEmailRegistrationOpens).toBe("2023-03-20T00:00:00+08:00");
    expect(phaseAt(defaultSchedule, Date.parse("2023-05-28T15:59:59.999Z"))).toBe("smartcard-only");
    expect(phaseAt(defaultSchedule, Date.parse("2023-05-28T16:00:00Z"))).toBe("parallel-run");
    expect(phaseAt(defaultSchedule, Date.parse("2023-07-30T15:59:59Z"))).toBe("parallel-run");
    expect(phaseAt(defaultSchedule, Date.parse("2023-07-30T16:00:00Z"))).toBe("2fa-only");
  });
});

describe("password policy", () => {
  it.each([
    ["Abcdefgh1!", []],
    ["abcdefgh1!", []],
    ["abcdefgh12", ["at least 3 of: lower-case letters, upper-case letters, digits, symbols"]],
    ["Abc1!", ["at least 10 characters"]],
    ["abcdefghijkl", ["at least 3 of: lower-case letters, upper-case letters, digits, symbols"]],
    ["My.User#2023x", ["must not contain the user ID"]],
  ])("%s", (password, problems) => {
    expect(passwordPolicyProblems("my.user", password).map((p) => p.problem)).toEqual(problems);
  });
});

describe("masked email", () => {
  it.each([
    ["demo.user@cp001.example.com", "d*******r@cp001.example.com"],
    ["ab@x.com", "a*@x.com"],
    ["abc@x.com", "a*c@x.com"],
    ["broken", "***"],
  ])("%s → %s", (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });
});

describe("password hashing", () => {
  it("stores argon2id hashes that record their parameters", async () => {
    const production = await new PasswordHasher("production").hash("Demo#2023pass");
    expect(production).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const fast = new PasswordHasher("fast");
    const hash = await fast.hash("Demo#2023pass");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect(await fast.verify(hash, "Demo#2023pass")).toBe(true);
    expect(await fast.verify(hash, "demo#2023pass")).toBe(false);
    // a hash from another profile still verifies: parameters come from the hash
    expect(await fast.verify(production, "Demo#2023pass")).toBe(true);
    expect(await fast.verify("not a hash", "x")).toBe(false);
    expect(await fast.verifyDummy("anything")).toBe(false);
  });

  it("verifies the hashes stored before, made by the native argon2 library (@node-rs/argon2)", async () => {
    const stored =
      "$argon2id$v=19$m=19456,t=2,p=1$jeRJMelxVbYAGnNRR4QCBw$PNIKxaXC0kDcsEZx4wf+RN/iS7ppDgNFxDJ8mMQYSsc";
    const hasher = new PasswordHasher("production");
    expect(await hasher.verify(stored, "Demo#2023pass")).toBe(true);
    expect(await hasher.verify(stored, "Demo#2023pasS")).toBe(false);
  });

  it("hashes on the pool's threads, several at once, each with its own salt", async () => {
    const hasher = new PasswordHasher("fast");
    const hashes = await Promise.all(Array.from({ length: 6 }, () => hasher.hash("Same#password1")));
    expect(new Set(hashes).size).toBe(6);
    const verdicts = await Promise.all(hashes.map((hash) => hasher.verify(hash, "Same#password1")));
    expect(verdicts).toEqual([true, true, true, true, true, true]);
  });
});

describe("OTP email", () => {
  it("is bilingual and carries the code and its expiry in HKT", () => {
    const mail = buildOtpMessage({
      to: "demo.user@cp001.example.com",
      userId: "demo.user",
      displayName: "Chan Tai Man",
      otp: "123456",
      expiresAt: new Date("2023-05-29T01:35:00Z"),
      validMinutes: 5,
    });
    expect(mail.to).toBe("demo.user@cp001.example.com");
    expect(mail.subject).not.toContain("123456");
    expect(mail.text).toContain("123456");
    expect(mail.text).toContain("2023-05-29 09:35 HKT");
    expect(mail.text).toContain("one-time password");
    expect(mail.text).toContain("一次性密碼");
    expect(mail.otp).toBe("123456");
  });
});
