import { type Db } from "../sqlite.js";
import { type GroupCommit, groupCommitOf } from "../group-commit.js";
import { asBuffer } from "../rows.js";
import { type ChallengeStore } from "../storage.js";

export class SqliteChallengeStore implements ChallengeStore {
  private readonly upsert;
  private readonly takeStmt;
  private readonly pruneStmt;
  private readonly writes: GroupCommit;

  constructor(db: Db) {
    this.writes = groupCommitOf(db);
    this.upsert = db.prepare(
      `INSERT INTO smartcard_challenges (login_key, nonce, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (login_key) DO UPDATE SET nonce = excluded.nonce, expires_at = excluded.expires_at`,
    );
    this.takeStmt = db.prepare<[Buffer], { nonce: Uint8Array; expires_at: number }>(
      "DELETE FROM smartcard_challenges WHERE login_key = ? RETURNING nonce, expires_at",
    );
    this.pruneStmt = db.prepare("DELETE FROM smartcard_challenges WHERE expires_at < ?");
  }

  async put(loginKey: Buffer, nonce: Buffer, expiresAt: number): Promise<void> {
    this.writes.open();
    this.pruneStmt.run(expiresAt - 24 * 3600_000);
    this.upsert.run(loginKey, nonce, expiresAt);
  }

  async take(loginKey: Buffer): Promise<{ nonce: Buffer; expiresAt: number } | undefined> {
    this.writes.open();
    const row = this.takeStmt.get(loginKey);
    return row === undefined ? undefined : { nonce: asBuffer(row.nonce), expiresAt: row.expires_at };
  }
}
