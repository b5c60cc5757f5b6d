import { assertNever } from "../../../shared/assert-never.js";
import { AppError } from "../../../shared/errors.js";
import { type SessionInfo } from "../../../shared/wire/authn.js";
import { type SimulatorConfig } from "../../config.js";
import { type PasswordHasher } from "../../crypto/password-hasher.js";
import { type AuditLog } from "../../store/audit-log.js";
import { type LockoutStore } from "../../store/storage.js";
import { sessionEnded, type SessionService } from "./session-service.js";

export interface ReauthenticateDeps {
  config: SimulatorConfig;
  sessions: SessionService;
  lockouts: LockoutStore;
  hasher: PasswordHasher;
  audit: AuditLog;
  now: () => number;
}

/**
 * The signed-in user's password, asked again to unlock a locked terminal. A wrong one counts towards
 * the lockout exactly as at sign-in; a locked account ends the user's sessions.
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
  const record = (outcome: "success" | "failure" | "failure-locked" | "locked-out") =>
    d.audit.record({
      userId: user.userKey,
      event: "session.reauthenticate",
      method: "password",
      outcome,
      clientAddress,
    });
  const endLocked = async (): Promise<AppError> => {
    await d.sessions.endAllOf(user.userKey, "account-locked");
    return sessionEnded("account-locked", d.config);
  };

  if (!passwordOk) {
    const outcome = await d.lockouts.recordFailure(user.userKey, now, {
      windowMs: d.config.lockoutWindowMs,
      threshold: d.config.lockoutThreshold,
      lockMs: d.config.lockoutDurationMs,
    });
    switch (outcome.kind) {
      case "counted":
        record("failure");
        throw new AppError(
          "INVALID_CREDENTIALS",
          "The password is not correct. Several wrong passwords lock the account and end the session.",
        );
      case "locked":
        record("failure-locked");
        throw await endLocked();
      case "already-locked":
        record("locked-out");
        throw await endLocked();
      default:
        return assertNever(outcome);
    }
  }
  // A right password clears the failures counted so far, unless a lock is in force.
  if ((await d.lockouts.admit(user.userKey, now)) !== null) {
    record("locked-out");
    throw await endLocked();
  }
  record("success");
  return (await d.sessions.authenticate(sessionToken)).session;
}
