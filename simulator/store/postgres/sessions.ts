import { type Factor } from "../../../shared/wire/authn.js";
import { type RevocationReason } from "../../../shared/wire/session.js";
import { type SessionRow, sessionFromRow } from "../rows.js";
import { type SessionRecord, type SessionStore } from "../storage.js";
import { rowByKey } from "./keyed-reads.js";
import { type PgQueryable, statement } from "./pg-db.js";

const byHashes = statement(
  "sessions-by-hashes",
  "SELECT * FROM sessions WHERE token_hash = ANY($1::bytea[])",
);
const insert = statement(
  "sessions-insert",
  `INSERT INTO sessions (token_hash, user_key, auth_method, issued_at, last_seen_at, absolute_expires_at)
   VALUES ($1, $2, $3, $4, $4, $5)`,
);
// Never moves the idle window back (two instances touching at once).
const touch = statement(
  "sessions-touch",
  "UPDATE sessions SET last_seen_at = greatest(last_seen_at, $1) WHERE token_hash = $2",
);
const revoke = statement(
  "sessions-revoke",
  "UPDATE sessions SET revoked_at = $1, end_reason = $2 WHERE token_hash = $3 AND revoked_at IS NULL",
);
// Only the sessions still alive: one that had already ended keeps its own reason.
const revokeUser = statement(
  "sessions-revoke-user",
  `UPDATE sessions SET revoked_at = $1, end_reason = $2
   WHERE user_key = $3 AND revoked_at IS NULL AND absolute_expires_at > $1 AND last_seen_at + $4 > $1`,
);
const dropEnded = statement(
  "sessions-drop-ended",
  "DELETE FROM sessions WHERE revoked_at IS NOT NULL OR absolute_expires_at <= $1 OR last_seen_at + $2 <= $1",
);
const revokeAll = statement(
  "sessions-revoke-all",
  "UPDATE sessions SET revoked_at = $1, end_reason = $2 WHERE revoked_at IS NULL",
);

export class PostgresSessionStore implements SessionStore {
  private readonly byHash: (tokenHash: Buffer) => Promise<SessionRow | undefined>;

  constructor(private readonly db: PgQueryable) {
    this.byHash = rowByKey<Buffer, SessionRow & { token_hash: Buffer }>(
      db,
      byHashes,
      (row) => row.token_hash,
    );
  }

  async find(tokenHash: Buffer): Promise<SessionRecord | undefined> {
    const row = await this.byHash(tokenHash);
    return row === undefined ? undefined : sessionFromRow(row);
  }

  async create(
    tokenHash: Buffer,
    userKey: string,
    method: Factor,
    now: number,
    absoluteMs: number,
  ): Promise<SessionRecord> {
    await this.db.write(insert, [tokenHash, userKey, method, now, now + absoluteMs]);
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
    await this.db.write(touch, [now, tokenHash]);
  }

  async revoke(tokenHash: Buffer, now: number, reason: RevocationReason): Promise<void> {
    await this.db.write(revoke, [now, reason, tokenHash]);
  }

  revokeAllOf(userKey: string, now: number, idleMs: number, reason: RevocationReason): Promise<number> {
    return this.db.count(revokeUser, [now, reason, userKey, idleMs]);
  }

  async endAll(now: number, idleMs: number, reason: RevocationReason): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.write(dropEnded, [now, idleMs]);
      await tx.write(revokeAll, [now, reason]);
    });
  }
}
