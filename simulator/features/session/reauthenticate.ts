import { AppError } from "../../../shared/errors.js";
import { type SessionInfo } from "../../../shared/wire/authn.js";
import { type SimulatorConfig } from "../../config.js";
import { type PasswordHasher } from "../../crypto/password-hasher.js";
import { type AuditLog } from "../../store/audit.js";
import { type LockoutStore } from "../../store/lockouts.js";
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
  const { user } = d.sessions.check(sessionToken);
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
  const endLocked = (): AppError => {
    d.sessions.endAllOf(user.userKey, "account-locked");
    return sessionEnded("account-locked", d.config);
  };

  if (d.lockouts.lockedUntil(user.userKey, now) !== null) {
    record("locked-out");
    throw endLocked();
  }
  if (!passwordOk) {
    const { lockoutWindowMs, lockoutThreshold, lockoutDurationMs } = d.config;
    const until = d.lockouts.recordFailure(
      user.userKey,
      now,
      lockoutWindowMs,
      lockoutThreshold,
      lockoutDurationMs,
    );
    record(until === null ? "failure" : "failure-locked");
    if (until !== null) throw endLocked();
    throw new AppError(
      "INVALID_CREDENTIALS",
      "The password is not correct. Several wrong passwords lock the account and end the session.",
    );
  }
  d.lockouts.clearFailuresOf(user.userKey);
  record("success");
  return d.sessions.authenticate(sessionToken).session;
}
