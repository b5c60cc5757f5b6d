import { AppError } from "../../../shared/errors.js";
import { type SessionInfo } from "../../../shared/wire/authn.js";
import { type SimulatorConfig } from "../../config.js";
import { type PasswordHasher } from "../../crypto/password-hasher.js";
import { type AuditLog } from "../../store/audit-log.js";
import { type LockoutStore, type Storage, type Stores } from "../../store/storage.js";
import { failureOutcomeName } from "../authn/authn-audit.js";
import { sessionEnded, type SessionService } from "./session-service.js";

export interface ReauthenticateDeps {
  config: SimulatorConfig;
  sessions: SessionService;
  lockouts: LockoutStore;
  hasher: PasswordHasher;
  audit: AuditLog;
  /** One commit for the answer's writes: a count, a lock, the ended sessions, the audit line. */
  transaction: Storage["transaction"];
  now: () => number;
}

type Outcome = "success" | "failure" | "failure-locked" | "locked-out";

/**
 * The signed-in user's password, asked again to unlock a locked terminal. A wrong one counts towards
 * the lockout exactly as at sign-in; a locked account ends the user's sessions. Each answer's
 * writes are one commit.
 */
export async function reauthenticate(
  d: ReauthenticateDeps,
  sessionToken: string,
  password: string,
  clientAddress: string,
): Promise<SessionInfo> {
  const { user } = await d.sessions.check(sessionToken);
  const passwordOk = await d.hasher.verify(user.passwordHash, password);
  const now = d.now();
  const record = (tx: Stores, outcome: Outcome) =>
    d.audit.in(tx).record({
      userId: user.userKey,
      event: "session.reauthenticate",
      method: "password",
      outcome,
      clientAddress,
    });
  const endLocked = (tx: Stores) => d.sessions.in(tx).endAllOf(user.userKey, "account-locked");

  if (!passwordOk) {
    const outcome = await d.transaction(async (tx) => {
      const counted = await tx.lockouts.recordFailure(user.userKey, now, {
        windowMs: d.config.lockoutWindowMs,
        threshold: d.config.lockoutThreshold,
        lockMs: d.config.lockoutDurationMs,
      });
      if (counted.kind !== "counted") await endLocked(tx);
      record(tx, failureOutcomeName(counted));
      return counted;
    });
    if (outcome.kind === "counted") {
      throw new AppError(
        "INVALID_CREDENTIALS",
        "The password is not correct. Several wrong passwords lock the account and end the session.",
      );
    }
    throw sessionEnded("account-locked", d.config);
  }
  const session = await d.transaction(async (tx) => {
    // A right password clears the failures counted so far, unless a lock is in force.
    if ((await tx.lockouts.admit(user.userKey, now)) !== null) {
      record(tx, "locked-out");
      await endLocked(tx);
      return null;
    }
    record(tx, "success");
    return (await d.sessions.in(tx).authenticate(sessionToken)).session;
  });
  if (session === null) throw sessionEnded("account-locked", d.config);
  return session;
}
