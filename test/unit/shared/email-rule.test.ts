import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adminEmailSchema } from "../../../shared/contract/admin.js";
import { emailProblem } from "../../../shared/contract/limits.js";

describe("the email form's address check", () => {
  it("names what is wrong with plain mistakes", () => {
    expect(emailProblem("")).toBe("missing");
    expect(emailProblem("   ")).toBe("missing");
    expect(emailProblem("lee.ka.yan")).toBe("invalid");
    expect(emailProblem("lee@cp001")).toBe("invalid");
    expect(emailProblem("lee@@cp001.example.com")).toBe("invalid");
    expect(emailProblem(".lee@cp001.example.com")).toBe("invalid");
    expect(emailProblem(`${"a".repeat(250)}@cp001.example.com`)).toBe("invalid");
    expect(emailProblem(" lee.ka-yan+2fa@cp001.example.com.hk ")).toBeNull();
  });

  it("agrees with the contract's adminEmailSchema on any input", () => {
    const local = fc.string({ unit: fc.constantFrom(..."abZ09._-+'@ é中".split("")), maxLength: 20 });
    const domain = fc.string({ unit: fc.constantFrom(..."abZ09.-".split("")), maxLength: 20 });
    const tld = fc.string({ unit: fc.constantFrom(..."abcZ1".split("")), maxLength: 4 });
    const shaped = fc
      .tuple(fc.constantFrom("", " "), local, domain, tld, fc.constantFrom("", " ", "\t"))
      .map(([before, name, host, end, after]) => `${before}${name}@${host}.${end}${after}`);
    const long = fc.integer({ min: 230, max: 260 }).map((n) => `${"a".repeat(n - 14)}@cp.example.hk`);
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), shaped, long), (text) => {
        expect(emailProblem(text) === null, JSON.stringify(text)).toBe(
          adminEmailSchema.safeParse(text).success,
        );
      }),
      { numRuns: 5000 },
    );
  });
});
