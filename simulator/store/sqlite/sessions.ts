import { type Factor } from "../../../shared/wire/authn.js";
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
  private readonly writes: GroupCommit;

  constructor(db: Db) {
    this.writes = groupCommitOf(db);
    this.byHash = db.prepare<[Buffer], SessionRow>("SELECT * FROM sessions WHERE token_hash = ?");
    this.insert = db.prepare(
      `INSERT INTO sessions (token_hash, user_key, auth_method, issued_at, last_seen_at, absolute_expires_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.touchStmt = db.prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?");
    this.revokeStmt = db.prepare(
      "UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
    );
    this.revokeUserStmt = db.prepare(
      "UPDATE sessions SET revoked_at = ? WHERE user_key = ? AND revoked_at IS NULL",
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
    };
  }

  async touch(tokenHash: Buffer, now: number): Promise<void> {
    this.writes.open();
    this.touchStmt.run(now, tokenHash);
  }

  async revoke(tokenHash: Buffer, now: number): Promise<void> {
    this.writes.open();
    this.revokeStmt.run(now, tokenHash);
  }

  async revokeAllOf(userKey: string, now: number): Promise<void> {
    this.writes.open();
    this.revokeUserStmt.run(now, userKey);
  }
}
