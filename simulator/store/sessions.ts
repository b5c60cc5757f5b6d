import { type Factor } from "../../shared/wire/authn.js";
import { type RevocationReason } from "../../shared/wire/session.js";
import { type Db } from "./sqlite.js";
import { type GroupCommit, groupCommitOf } from "./group-commit.js";

export interface SessionRecord {
  userKey: string;
  authMethod: Factor;
  issuedAt: number;
  lastSeenAt: number;
  absoluteExpiresAt: number;
  revokedAt: number | null;
  /** Why it was revoked; null while it is not (or for a session revoked before reasons were kept). */
  endReason: RevocationReason | null;
}

interface SessionRow {
  user_key: string;
  auth_method: Factor;
  issued_at: number;
  last_seen_at: number;
  absolute_expires_at: number;
  revoked_at: number | null;
  end_reason: RevocationReason | null;
}

export class SessionStore {
  private readonly byHash;
  private readonly insert;
  private readonly touchStmt;
  private readonly revokeStmt;
  private readonly revokeUserStmt;
  private readonly dropEnded;
  private readonly revokeAll;
  private readonly writes: GroupCommit;

  constructor(private readonly db: Db) {
    this.writes = groupCommitOf(db);
    this.byHash = db.prepare<[Buffer], SessionRow>("SELECT * FROM sessions WHERE token_hash = ?");
    this.insert = db.prepare(
      `INSERT INTO sessions (token_hash, user_key, auth_method, issued_at, last_seen_at, absolute_expires_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.touchStmt = db.prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?");
    this.revokeStmt = db.prepare(
      "UPDATE sessions SET revoked_at = ?, end_reason = ? WHERE token_hash = ? AND revoked_at IS NULL",
    );
    this.revokeUserStmt = db.prepare(
      `UPDATE sessions SET revoked_at = ?1, end_reason = ?2
       WHERE user_key = ?3 AND revoked_at IS NULL AND absolute_expires_at > ?1 AND last_seen_at + ?4 > ?1`,
    );
    this.dropEnded = db.prepare(
      `DELETE FROM sessions
       WHERE revoked_at IS NOT NULL OR absolute_expires_at <= ?1 OR last_seen_at + ?2 <= ?1`,
    );
    this.revokeAll = db.prepare(
      "UPDATE sessions SET revoked_at = ?, end_reason = ? WHERE revoked_at IS NULL",
    );
  }

  find(tokenHash: Buffer): SessionRecord | undefined {
    const row = this.byHash.get(tokenHash);
    if (row === undefined) return undefined;
    return {
      userKey: row.user_key,
      authMethod: row.auth_method,
      issuedAt: row.issued_at,
      lastSeenAt: row.last_seen_at,
      absoluteExpiresAt: row.absolute_expires_at,
      revokedAt: row.revoked_at,
      endReason: row.end_reason,
    };
  }

  /** Stores a new session and returns it as `find` would. */
  create(tokenHash: Buffer, userKey: string, method: Factor, now: number, absoluteMs: number): SessionRecord {
    this.writes.open();
    this.insert.run(tokenHash, userKey, method, now, now, now + absoluteMs);
    return {
      userKey,
      authMethod: method,
      issuedAt: now,
      lastSeenAt: now,
      absoluteExpiresAt: now + absoluteMs,
      revokedAt: null,
      endReason: null,
    };
  }

  touch(tokenHash: Buffer, now: number): void {
    this.writes.open();
    this.touchStmt.run(now, tokenHash);
  }

  revoke(tokenHash: Buffer, now: number, reason: RevocationReason): void {
    this.writes.open();
    this.revokeStmt.run(now, reason, tokenHash);
  }

  /** Revokes the user's sessions still alive at `now` (idle for less than `idleMs`); returns how many. */
  revokeAllOf(userKey: string, now: number, idleMs: number, reason: RevocationReason): number {
    this.writes.open();
    return Number(this.revokeUserStmt.run(now, reason, userKey, idleMs).changes);
  }

  /**
   * Forgets the sessions that had already ended at `now` and revokes the rest for `reason`, keeping
   * them so that their holders are told why (a reset empties everything else).
   */
  endAll(now: number, idleMs: number, reason: RevocationReason): void {
    this.writes.open();
    this.db.transaction(() => {
      this.dropEnded.run(now, idleMs);
      this.revokeAll.run(now, reason);
    });
  }
}
