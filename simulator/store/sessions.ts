import { type Factor } from "../../shared/wire/authn.js";
import { type Db } from "./sqlite.js";
import { type GroupCommit, groupCommitOf } from "./group-commit.js";

export interface SessionRecord {
  userKey: string;
  authMethod: Factor;
  issuedAt: number;
  lastSeenAt: number;
  absoluteExpiresAt: number;
  revokedAt: number | null;
}

interface SessionRow {
  user_key: string;
  auth_method: Factor;
  issued_at: number;
  last_seen_at: number;
  absolute_expires_at: number;
  revoked_at: number | null;
}

export class SessionStore {
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
    };
  }

  touch(tokenHash: Buffer, now: number): void {
    this.writes.open();
    this.touchStmt.run(now, tokenHash);
  }

  revoke(tokenHash: Buffer, now: number): void {
    this.writes.open();
    this.revokeStmt.run(now, tokenHash);
  }

  revokeAllOf(userKey: string, now: number): void {
    this.writes.open();
    this.revokeUserStmt.run(now, userKey);
  }
}
