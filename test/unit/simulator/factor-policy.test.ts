import { describe, expect, it } from "vitest";
import type { Phase } from "../../../shared/phases.js";
import type { Factor } from "../../../shared/wire/authn.js";
import {
  allowedFactors,
  stepAfterPassword,
  verdictOn,
  type StepAfterPassword,
} from "../../../simulator/features/authn/factor-policy.js";

type Row = [
  phase: Phase,
  smartcard: "card" | "no card",
  email: "email" | "no email",
  age: "before launch" | "after launch",
  factors: Factor[],
  step: StepAfterPassword["state"],
];

/**
 * The migration's rules, written out case by case: before launch only card holders sign in, by card;
 * in the parallel run the OTP needs an email and the card is kept only by holders created before
 * launch; after decommissioning, the OTP alone.
 */
const table: Row[] = [
  ["smartcard-only", "card", "email", "before launch", ["smartcard"], "SMARTCARD_REQUIRED"],
  ["smartcard-only", "card", "email", "after launch", ["smartcard"], "SMARTCARD_REQUIRED"],
  ["smartcard-only", "card", "no email", "before launch", ["smartcard"], "SMARTCARD_REQUIRED"],
  ["smartcard-only", "card", "no email", "after launch", ["smartcard"], "SMARTCARD_REQUIRED"],
  ["smartcard-only", "no card", "email", "before launch", [], "refused"],
  ["smartcard-only", "no card", "email", "after launch", [], "refused"],
  ["smartcard-only", "no card", "no email", "before launch", [], "refused"],
  ["smartcard-only", "no card", "no email", "after launch", [], "refused"],
  ["parallel-run", "card", "email", "before launch", ["otp", "smartcard"], "METHOD_CHOICE"],
  ["parallel-run", "card", "email", "after launch", ["otp"], "OTP_REQUIRED"],
  ["parallel-run", "card", "no email", "before launch", ["smartcard"], "EMAIL_NOT_REGISTERED"],
  ["parallel-run", "card", "no email", "after launch", [], "EMAIL_NOT_REGISTERED"],
  ["parallel-run", "no card", "email", "before launch", ["otp"], "OTP_REQUIRED"],
  ["parallel-run", "no card", "email", "after launch", ["otp"], "OTP_REQUIRED"],
  ["parallel-run", "no card", "no email", "before launch", [], "EMAIL_NOT_REGISTERED"],
  ["parallel-run", "no card", "no email", "after launch", [], "EMAIL_NOT_REGISTERED"],
  ["2fa-only", "card", "email", "before launch", ["otp"], "OTP_REQUIRED"],
  ["2fa-only", "card", "email", "after launch", ["otp"], "OTP_REQUIRED"],
  ["2fa-only", "card", "no email", "before launch", [], "EMAIL_NOT_REGISTERED"],
  ["2fa-only", "card", "no email", "after launch", [], "EMAIL_NOT_REGISTERED"],
  ["2fa-only", "no card", "email", "before launch", ["otp"], "OTP_REQUIRED"],
  ["2fa-only", "no card", "email", "after launch", ["otp"], "OTP_REQUIRED"],
  ["2fa-only", "no card", "no email", "before launch", [], "EMAIL_NOT_REGISTERED"],
  ["2fa-only", "no card", "no email", "after launch", [], "EMAIL_NOT_REGISTERED"],
];

describe("the factor policy: phase × smartcard × email × account age", () => {
  it("covers every combination once", () => {
    const keys = new Set(table.map(([phase, card, email, age]) => `${phase}/${card}/${email}/${age}`));
    expect(keys.size).toBe(3 * 2 * 2 * 2);
    expect(table).toHaveLength(keys.size);
  });

  it.each(table)("%s, %s, %s, created %s: factors %j, then %s", (phase, card, email, age, factors, step) => {
    const facts = {
      phase,
      hasSmartcard: card === "card",
      hasEmail: email === "email",
      createdBeforeLaunch: age === "before launch",
    };
    expect(allowedFactors(facts)).toEqual(factors);
    expect(stepAfterPassword(facts)).toEqual({ state: step, factors });
    // Asking for a factor: allowed exactly when offered; the card after decommissioning has its own answer.
    expect(verdictOn("otp", facts)).toBe(factors.includes("otp") ? "allowed" : "not-allowed");
    expect(verdictOn("smartcard", facts)).toBe(
      phase === "2fa-only" ? "decommissioned" : factors.includes("smartcard") ? "allowed" : "not-allowed",
    );
  });
});
