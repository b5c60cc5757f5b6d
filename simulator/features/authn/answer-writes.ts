import { type LockoutStore, type LoginStore, type Storage, type Stores } from "../../store/storage.js";
import { type SessionService } from "../session/session-service.js";
import { type AuthnAudit } from "./authn-audit.js";
import { type LoginSteps } from "./login-steps.js";

/** What an answer of the sign-in writes with: the stores, steps, sessions and audit trail of one transaction. */
export interface AnswerWrites {
  readonly tx: Stores;
  readonly logins: LoginStore;
  readonly lockouts: LockoutStore;
  readonly steps: LoginSteps;
  readonly sessions: SessionService;
  readonly audit: AuthnAudit;
}

/** Runs an answer's writes in one transaction (see `answerWriter`). */
export type Commit = <T>(work: (w: AnswerWrites) => Promise<T>) => Promise<T>;

/** Writes an answer makes before those of its step (a right password's, a changed password). */
export type Prelude = (w: AnswerWrites) => Promise<void>;

export const noPrelude: Prelude = async () => undefined;

/**
 * Runs an answer's writes in one transaction (`Storage.transaction`): the login's step, the session,
 * the lockout counts and the audit lines of one answer are committed together or not at all.
 */
export function answerWriter(
  transaction: Storage["transaction"],
  parts: { steps: LoginSteps; sessions: SessionService; audit: AuthnAudit },
): Commit {
  return (work) =>
    transaction((tx) =>
      work({
        tx,
        logins: tx.logins,
        lockouts: tx.lockouts,
        steps: parts.steps.in(tx),
        sessions: parts.sessions.in(tx),
        audit: parts.audit.in(tx),
      }),
    );
}
