import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { passwordPolicy } from "../../../shared/wire/authn.js";
import { checkPasswordRules } from "../../../shared/wire/password-rules.js";
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
const anyPassword = fc.oneof(fc.string({ maxLength: 24 }), fc.string({ unit: passwordChars, maxLength: 24 }));
const anyUserId = fc.constantFrom("demo.user", "ab", "X1", "a.b-c_d");

describe("the password rules the change-password screen checks as the person types", () => {
  it("agree with the simulator's policy check on any password, and name the same rules it refuses", () => {
    fc.assert(
      fc.property(anyUserId, anyPassword, (userId, password) => {
        const refused = passwordPolicyProblems(userId, password).map((p) => p.rule);
        const local = password === "" ? [] : unmetRules(figures, userId, password);
        if (password !== "") expect(refused).toEqual(local);
      }),
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
