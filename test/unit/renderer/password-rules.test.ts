import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { passwordPolicy } from "../../../shared/wire/authn.js";
import { checkPasswordRules, type PasswordRule } from "../../../shared/wire/password-rules.js";
import {
  policyRefusalOf,
  ruleStatuses,
  unmetRules,
} from "../../../renderer/features/auth/password-rule-status.js";
import { passwordPolicyProblems } from "../../../simulator/features/authn/password-policy.js";

const figures = {
  minLength: passwordPolicy.minLength,
  minClasses: passwordPolicy.minClasses,
  historySize: passwordPolicy.historySize,
};
const passwordChars = fc.constantFrom(..."abcXYZ019#.- é中".split(""));
const anyPassword = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.string({ unit: passwordChars, maxLength: 24 }),
  // Passwords that hold the user ID, in any case, somewhere inside.
  fc
    .tuple(fc.string({ unit: passwordChars, maxLength: 8 }), fc.constantFrom("DEMO.user", "ab", "x1"))
    .map(([around, id]) => `${around}${id}${around}`),
);
const anyUserId = fc.constantFrom("demo.user", "Demo.User", " demo.user ", "ab", "X1", "a.b-c_d");

/**
 * The policy as docs/qa.md states it, written out here on its own: at least 10 characters (UTF-16 code
 * units, as the server counts them), at least 3 of 4 classes (a-z, A-Z, 0-9, anything else), and not
 * containing the user ID (ignoring case and the ID's surrounding space). It shares no code with the rules.
 */
function brokenRules(userId: string, password: string): PasswordRule[] {
  const broken: PasswordRule[] = [];
  if (password.length < 10) broken.push("length");
  let lower = 0;
  let upper = 0;
  let digit = 0;
  let other = 0;
  for (let i = 0; i < password.length; i++) {
    const c = password.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) lower = 1;
    else if (c >= 0x41 && c <= 0x5a) upper = 1;
    else if (c >= 0x30 && c <= 0x39) digit = 1;
    else other = 1;
  }
  if (lower + upper + digit + other < 3) broken.push("classes");
  const id = userId.replace(/^\s+|\s+$/g, "");
  const fold = (c: string) => (c >= "A" && c <= "Z" ? String.fromCharCode(c.charCodeAt(0) + 32) : c);
  let contains = false;
  for (let start = 0; id.length > 0 && start + id.length <= password.length && !contains; start++) {
    let same = true;
    for (let j = 0; j < id.length && same; j++) same = fold(password[start + j] ?? "") === fold(id[j] ?? "");
    contains = same;
  }
  if (contains) broken.push("notUserId");
  return broken;
}

describe("the password rules the change-password screen checks as the person types", () => {
  it("the simulator refuses exactly the rules the policy's own statement says a password breaks", () => {
    fc.assert(
      fc.property(anyUserId, anyPassword, (userId, password) => {
        const refused = passwordPolicyProblems(userId.trim(), password).map((p) => p.rule);
        expect(refused, JSON.stringify({ userId, password })).toEqual(brokenRules(userId, password));
      }),
      { numRuns: 2000 },
    );
  });

  it("the screen marks unmet exactly those rules once something is typed", () => {
    fc.assert(
      fc.property(anyUserId, anyPassword, (userId, password) => {
        fc.pre(password !== "");
        expect(unmetRules(figures, userId, password), JSON.stringify({ userId, password })).toEqual(
          brokenRules(userId, password),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it("counts the four classes of characters and ignores the user ID's case", () => {
    expect(checkPasswordRules(figures, "demo.user", "Brand#New2023pw")).toEqual({
      length: true,
      classes: true,
      notUserId: true,
    });
    expect(checkPasswordRules(figures, "demo.user", "xxDEMO.USERxx")).toMatchObject({ notUserId: false });
    expect(checkPasswordRules(figures, "demo.user", "abcdefghij")).toMatchObject({
      length: true,
      classes: false,
    });
  });

  it("marks rules pending before typing, met or unmet after, and refused where the server said so", () => {
    expect(ruleStatuses(figures, "demo.user", "", [])).toEqual({
      length: "pending",
      classes: "pending",
      notUserId: "pending",
      notRecent: "server",
    });
    expect(ruleStatuses(figures, "demo.user", "short", [])).toMatchObject({
      length: "unmet",
      notUserId: "met",
    });
    expect(ruleStatuses(figures, "demo.user", "Brand#New2023pw", ["notRecent"])).toEqual({
      length: "met",
      classes: "met",
      notUserId: "met",
      notRecent: "refused",
    });
  });

  it("reads a PASSWORD_POLICY error's rules and keeps problems it cannot place as the server wrote them", () => {
    expect(policyRefusalOf({ code: "INVALID_OTP" })).toBeNull();
    expect(
      policyRefusalOf({
        code: "PASSWORD_POLICY",
        details: {
          problems: ["at least 10 characters", "must not be a dictionary word"],
          rules: ["length", null],
        },
      }),
    ).toEqual({ rules: ["length"], otherProblems: ["must not be a dictionary word"] });
    expect(policyRefusalOf({ code: "PASSWORD_POLICY" })).toEqual({ rules: [], otherProblems: [] });
  });
});
