import { AppError } from "../../../shared/errors.js";
import { type Factor, type SessionInfo } from "../../../shared/wire/authn.js";
import { type SimulatorConfig } from "../../config.js";
import { newToken, tokenHash } from "../../crypto/tokens.js";
import {
  type SessionRecord,
  type SessionStore,
  type UserRecord,
  type UserStore,
} from "../../store/storage.js";
import { identityOf } from "../users/user-service.js";

export interface AuthenticatedSession {
  user: UserRecord;
  session: SessionInfo;
}

/** Opaque session tokens: idle and absolute expiry, revocable. */
export class SessionService {
  constructor(
    private readonly store: SessionStore,
    private readonly users: UserStore,
    private readonly config: SimulatorConfig,
    private readonly now: () => number,
  ) {}

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
    const hash = tokenHash(sessionToken);
    const record = await this.store.find(hash);
    const user = record === undefined ? undefined : await this.users.find(record.userKey);
    if (record === undefined || user === undefined) {
      throw new AppError("UNAUTHORIZED", "This session is not known. Sign in again.");
    }
    const now = this.now();
    if (record.revokedAt !== null) {
      throw new AppError("SESSION_EXPIRED", "This session was signed out. Sign in again.");
    }
    if (now >= record.absoluteExpiresAt || now >= record.lastSeenAt + this.config.sessionIdleMs) {
      throw new AppError("SESSION_EXPIRED", "This session has expired. Sign in again.");
    }
    await this.store.touch(hash, now);
    return { user, session: this.describe(user, { ...record, lastSeenAt: now }) };
  }

  /** Revokes a token; false when the token was never issued. */
  async revoke(sessionToken: string): Promise<{ user: UserRecord | undefined } | false> {
    const hash = tokenHash(sessionToken);
    const record = await this.store.find(hash);
    if (record === undefined) return false;
    await this.store.revoke(hash, this.now());
    return { user: await this.users.find(record.userKey) };
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
