import { type Factor } from "../../../shared/wire/authn.js";
import { type SessionRow, sessionFromRow } from "../rows.js";
import { type SessionRecord, type SessionStore } from "../storage.js";
import { type PgDb, statement } from "./pg-db.js";

const byHash = statement("sessions-by-hash", "SELECT * FROM sessions WHERE token_hash = $1");
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
  "UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL",
);
const revokeUser = statement(
  "sessions-revoke-user",
  "UPDATE sessions SET revoked_at = $1 WHERE user_key = $2 AND revoked_at IS NULL",
);

export class PostgresSessionStore implements SessionStore {
  constructor(private readonly db: PgDb) {}

  async find(tokenHash: Buffer): Promise<SessionRecord | undefined> {
    const [row] = await this.db.rows<SessionRow>(byHash, [tokenHash]);
    return row === undefined ? undefined : sessionFromRow(row);
  }

  async create(
    tokenHash: Buffer,
    userKey: string,
    method: Factor,
    now: number,
    absoluteMs: number,
  ): Promise<SessionRecord> {
    await this.db.count(insert, [tokenHash, userKey, method, now, now + absoluteMs]);
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
    await this.db.count(touch, [now, tokenHash]);
  }

  async revoke(tokenHash: Buffer, now: number): Promise<void> {
    await this.db.count(revoke, [now, tokenHash]);
  }

  async revokeAllOf(userKey: string, now: number): Promise<void> {
    await this.db.count(revokeUser, [now, userKey]);
  }
}
