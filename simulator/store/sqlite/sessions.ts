import { type Factor } from "../../../shared/wire/authn.js";
import { type RevocationReason } from "../../../shared/wire/session.js";
import { type Db } from "../sqlite.js";
import { type GroupCommit, groupCommitOf } from "../group-commit.js";
import { type SessionRow, sessionFromRow } from "../rows.js";
import { type SessionRecord, type SessionStore } from "../storage.js";

export class SqliteSessionStore implements SessionStore {
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

  async find(tokenHash: Buffer): Promise<SessionRecord | undefined> {
    const row = this.byHash.get(tokenHash);
    return row === undefined ? undefined : sessionFromRow(row);
  }

  /** Stores a new session and returns it as `find` would. */
  async create(
    tokenHash: Buffer,
    userKey: string,
    method: Factor,
    now: number,
    absoluteMs: number,
  ): Promise<SessionRecord> {
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

  async touch(tokenHash: Buffer, now: number): Promise<void> {
    this.writes.open();
    this.touchStmt.run(now, tokenHash);
  }

  async revoke(tokenHash: Buffer, now: number, reason: RevocationReason): Promise<void> {
    this.writes.open();
    this.revokeStmt.run(now, reason, tokenHash);
  }

  async revokeAllOf(userKey: string, now: number, idleMs: number, reason: RevocationReason): Promise<number> {
    this.writes.open();
    return Number(this.revokeUserStmt.run(now, reason, userKey, idleMs).changes);
  }

  async endAll(now: number, idleMs: number, reason: RevocationReason): Promise<void> {
    this.writes.open();
    this.db.transaction(() => {
      this.dropEnded.run(now, idleMs);
      this.revokeAll.run(now, reason);
    });
  }
}
