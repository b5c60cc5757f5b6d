import { assertNever } from "../../../shared/assert-never.js";
import { type ErrorCode } from "../../../shared/errors.js";
import { type Factor } from "../../../shared/wire/authn.js";
import { type AuditLog } from "../../store/audit-log.js";
import { type AuditStore, type FailureOutcome } from "../../store/storage.js";

/** Who is asking: recorded in the audit log. */
export interface ClientInfo {
  clientAddress: string;
}

/** Each sign-in event the audit log records, with the outcomes it can have. */
interface AuthnOutcomes {
  "authn.password": "success" | "failure" | "failure-locked" | "locked-out";
  "authn.password-expired": "change-required";
  "authn.password-change": "changed" | "refused-policy";
  "authn.step": "refused-no-smartcard" | "email-not-registered";
  "authn.otp-sent": "sent" | "delivery-failed";
  "authn.otp": "refused-void" | "expired" | "failure" | "failure-void";
  "authn.otp-resend": "sent" | "refused-limit" | "refused-cooldown";
  "authn.factor": "chosen" | "decommissioned" | "refused-not-allowed";
  "authn.smartcard":
    | "challenge-issued"
    | "refused-no-challenge"
    | "refused-challenge-expired"
    | `failure-${Lowercase<ErrorCode>}`;
  "authn.success": "success";
  "authn.cancel": "cancelled";
}
export type AuthnAuditEvent = keyof AuthnOutcomes;

/** The factor an event is about ("password" for the first step and its change). */
export type AuthnMethod = "password" | Factor;

/**
 * The sign-in's audit trail: one line per event, naming the user (by key),
 * the method, the outcome and the client's address; never a password, OTP or token.
 */
export class AuthnAudit {
  constructor(private readonly log: AuditLog) {}

  /** The same trail, its lines written with a transaction's other writes. */
  in(tx: { audit: AuditStore }): AuthnAudit {
    return new AuthnAudit(this.log.in(tx));
  }

  record<E extends AuthnAuditEvent>(
    event: E,
    outcome: AuthnOutcomes[E],
    about: { userKey: string; method: AuthnMethod; client: ClientInfo | null },
  ): void {
    this.log.record({
      userId: about.userKey,
      event,
      method: about.method,
      outcome,
      clientAddress: about.client?.clientAddress ?? null,
    });
  }
}

/** How the audit log names what a wrong password did (at sign-in, and when a locked terminal is unlocked). */
export function failureOutcomeName(outcome: FailureOutcome): "failure" | "failure-locked" | "locked-out" {
  switch (outcome.kind) {
    case "counted":
      return "failure";
    case "locked":
      return "failure-locked";
    case "already-locked":
      return "locked-out";
    default:
      return assertNever(outcome);
  }
}
