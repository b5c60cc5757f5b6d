import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { RandomOtpSource, SeededOtpSource, otpHash, otpMatches } from "../../../simulator/crypto/otp.js";

describe("OTP sources", () => {
  it("gives six digits from the CSPRNG", () => {
    const source = new RandomOtpSource();
    const codes = Array.from({ length: 200 }, () => source.next());
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(190);
  });

  it("replays the same sequence from the same seed, and after a reset", () => {
    const a = new SeededOtpSource(42);
    const b = new SeededOtpSource(42);
    const first = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(first);
    a.reset();
    expect(Array.from({ length: 20 }, () => a.next())).toEqual(first);
    const other = new SeededOtpSource(43);
    expect(Array.from({ length: 20 }, () => other.next())).not.toEqual(first);
    expect(first.every((c) => /^\d{6}$/.test(c))).toBe(true);
  });

  it("spreads seeded digits over the whole range", () => {
    const source = new SeededOtpSource(7);
    const leading = new Set(Array.from({ length: 500 }, () => source.next()[0]));
    expect(leading.size).toBe(10);
  });

  it("matches an OTP only against its own login's hash", () => {
    const secret = crypto.randomBytes(32);
    const login = crypto.randomBytes(32);
    const stored = otpHash(secret, login, "123456");
    expect(otpMatches(secret, login, "123456", stored)).toBe(true);
    expect(otpMatches(secret, login, "123457", stored)).toBe(false);
    expect(otpMatches(secret, crypto.randomBytes(32), "123456", stored)).toBe(false);
    expect(stored.toString("hex")).not.toContain("123456");
  });
});
