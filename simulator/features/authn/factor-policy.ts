import { type Phase } from "../../../shared/phases.js";
import { type Factor } from "../../../shared/wire/authn.js";

/** What decides how a user may sign in: the phase of the migration and four facts about the user. */
export interface FactorFacts {
  phase: Phase;
  hasSmartcard: boolean;
  hasEmail: boolean;
  /** Created before the launch of 2FA: only such card holders may keep the card in the parallel run. */
  createdBeforeLaunch: boolean;
}

/**
 * The factors a user may use: before launch the smartcard alone (for card holders); in the parallel run
 * the OTP (with an email registered) and the smartcard (card holders created before launch); after
 * decommissioning the OTP alone.
 */
export function allowedFactors(facts: FactorFacts): Factor[] {
  const { phase } = facts;
  const cardOk =
    facts.hasSmartcard &&
    (phase === "smartcard-only" || (phase === "parallel-run" && facts.createdBeforeLaunch));
  if (phase === "smartcard-only") return cardOk ? ["smartcard"] : [];
  const factors: Factor[] = facts.hasEmail ? ["otp"] : [];
  if (cardOk) factors.push("smartcard");
  return factors;
}

/** Where a sign-in goes once the password is right (or has been changed). */
export type StepAfterPassword =
  /** No factor this phase accepts: METHOD_NOT_ALLOWED_FOR_USER. */
  | { state: "refused"; factors: [] }
  /** No email for the OTP: the sign-in ends, or (with a card the phase accepts) goes on to the smartcard. */
  | { state: "EMAIL_NOT_REGISTERED"; factors: Factor[] }
  | { state: "SMARTCARD_REQUIRED"; factors: Factor[] }
  | { state: "METHOD_CHOICE"; factors: Factor[] }
  /** The OTP goes out at once. */
  | { state: "OTP_REQUIRED"; factors: Factor[] };

export function stepAfterPassword(facts: FactorFacts): StepAfterPassword {
  const factors = allowedFactors(facts);
  if (facts.phase === "smartcard-only") {
    return factors.includes("smartcard")
      ? { state: "SMARTCARD_REQUIRED", factors }
      : { state: "refused", factors: [] };
  }
  if (!facts.hasEmail) return { state: "EMAIL_NOT_REGISTERED", factors };
  if (factors.includes("smartcard")) return { state: "METHOD_CHOICE", factors };
  return { state: "OTP_REQUIRED", factors };
}

/** Whether a factor asked for may be used: the smartcard after decommissioning is a verdict of its own. */
export type FactorVerdict = "allowed" | "decommissioned" | "not-allowed";

export function verdictOn(factor: Factor, facts: FactorFacts): FactorVerdict {
  if (factor === "smartcard" && facts.phase === "2fa-only") return "decommissioned";
  return allowedFactors(facts).includes(factor) ? "allowed" : "not-allowed";
}
