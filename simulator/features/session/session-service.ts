import { AppError } from "../../../shared/errors.js";
import { type Factor, type SessionInfo } from "../../../shared/wire/authn.js";
import {
  type RevocationReason,
  type SessionEndedDetails,
  type SessionEndReason,
} from "../../../shared/wire/session.js";
import { type SimulatorConfig } from "../../config.js";
import { newToken, tokenHash } from "../../crypto/tokens.js";
import {
  type SessionRecord,
  type SessionStore,
  type Stores,
  type UserRecord,
  type UserStore,
} from "../../store/storage.js";
import { identityOf } from "../users/user-service.js";

export interface AuthenticatedSession {
  user: UserRecord;
  session: SessionInfo;
  /** The session's own record, as found (before this call extended it). */
  record: SessionRecord;
}

/** What a SESSION_EXPIRED answer says, by reason: one sentence, then what to do. */
const endedMessages: Record<SessionEndReason, string> = {
  idle: "This session ended after a time without activity. Sign in again.",
  absolute: "This session reached its time limit. Sign in again.",
  "signed-out": "This session was signed out. Sign in again.",
  "signed-out-elsewhere": "This session was ended from elsewhere. Sign in again.",
  "account-locked":
    "This account was locked, which ended the session. Ask your Delegated Administrator (DA) to unlock it.",
  "simulator-reset": "The simulator was reset, which ended every session. Sign in again.",
};

/** Opaque session tokens: idle and absolute expiry, revocable, each end with its reason. */
export class SessionService {
  constructor(
    private readonly store: SessionStore,
    private readonly users: UserStore,
    private readonly config: SimulatorConfig,
    private readonly now: () => number,
  ) {}

  /** The same service, its writes part of a transaction (`Storage.transaction`). */
  in(tx: Stores): SessionService {
    return new SessionService(tx.sessions, tx.users, this.config, this.now);
  }

  async issue(user: UserRecord, method: Factor): Promise<{ sessionToken: string; session: SessionInfo }> {
    const sessionToken = newToken();
    const now = this.now();
    const record = await this.store.create(
      tokenHash(sessionToken),
      user.userKey,
      method,
      now,
      this.config.sessionAbsoluteMs,
    );
    return { sessionToken, session: this.describe(user, record) };
  }

  /** Checks a bearer token and extends its idle window. */
  async authenticate(sessionToken: string): Promise<AuthenticatedSession> {
    const found = await this.check(sessionToken);
    const now = this.now();
    await this.store.touch(tokenHash(sessionToken), now);
    return { ...found, session: this.describe(found.user, { ...found.record, lastSeenAt: now }) };
  }

  /** Checks a bearer token without extending it. */
  async check(sessionToken: string): Promise<AuthenticatedSession> {
    const record = await this.store.find(tokenHash(sessionToken));
    if (record === undefined) {
      throw new AppError("UNAUTHORIZED", "This session is not known. Sign in again.");
    }
    const ended = this.endOf(record, this.now());
    if (ended !== null) throw sessionEnded(ended, this.config);
    const user = await this.users.find(record.userKey);
    if (user === undefined) throw new AppError("UNAUTHORIZED", "This session is not known. Sign in again.");
    return { user, session: this.describe(user, record), record };
  }

  /** Revokes a token (signed out); false when the token was never issued. */
  async revoke(sessionToken: string): Promise<{ user: UserRecord | undefined } | false> {
    const hash = tokenHash(sessionToken);
    const record = await this.store.find(hash);
    if (record === undefined) return false;
    await this.store.revoke(hash, this.now(), "signed-out");
    return { user: await this.users.find(record.userKey) };
  }

  /** Ends one session (found by `check` or `authenticate`) for a reason. */
  async end(sessionToken: string, reason: RevocationReason): Promise<void> {
    await this.store.revoke(tokenHash(sessionToken), this.now(), reason);
  }

  /** Ends every live session of a user; answers how many. */
  endAllOf(userKey: string, reason: RevocationReason): Promise<number> {
    return this.store.revokeAllOf(userKey, this.now(), this.config.sessionIdleMs, reason);
  }

  /** Ends every session (the simulator is being reset), keeping the live ones' reason for their holders. */
  async endEverySession(reason: RevocationReason): Promise<void> {
    await this.store.endAll(this.now(), this.config.sessionIdleMs, reason);
  }

  /** Why and when the session ended, or null while it is alive: whichever end came first. */
  private endOf(record: SessionRecord, now: number): SessionEndReason | null {
    const idleEnd = record.lastSeenAt + this.config.sessionIdleMs;
    const timeEnd = Math.min(idleEnd, record.absoluteExpiresAt);
    const timeReason: SessionEndReason = record.absoluteExpiresAt <= idleEnd ? "absolute" : "idle";
    if (record.revokedAt !== null && record.revokedAt < timeEnd) return record.endReason ?? "signed-out";
    return now >= timeEnd ? timeReason : null;
  }

  private describe(user: UserRecord, record: SessionRecord): SessionInfo {
    const idle = Math.min(record.lastSeenAt + this.config.sessionIdleMs, record.absoluteExpiresAt);
    return {
      ...identityOf(user),
      authMethod: record.authMethod,
      issuedAt: new Date(record.issuedAt).toISOString(),
      idleExpiresAt: new Date(idle).toISOString(),
      absoluteExpiresAt: new Date(record.absoluteExpiresAt).toISOString(),
    };
  }
}

/** The SESSION_EXPIRED error for a reason, with the time limit's length where a limit ended it. */
export function sessionEnded(reason: SessionEndReason, config: SimulatorConfig): AppError {
  const details: SessionEndedDetails = { reason };
  if (reason === "idle") details.limitMinutes = config.sessionIdleMs / 60_000;
  if (reason === "absolute") details.limitMinutes = config.sessionAbsoluteMs / 60_000;
  return new AppError("SESSION_EXPIRED", endedMessages[reason], details);
}
