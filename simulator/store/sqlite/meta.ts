import { type Db } from "../sqlite.js";
import { groupCommitOf } from "../group-commit.js";
import { type MetaStore } from "../storage.js";

/** Values made once per database (the OTP HMAC key), in the meta table. */
export class SqliteMetaStore implements MetaStore {
  private readonly get;
  private readonly insert;

  constructor(private readonly db: Db) {
    this.get = db.prepare<[string], { value: string }>("SELECT value FROM meta WHERE key = ?");
    this.insert = db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)");
  }

  async getOrCreate(key: string, create: () => string | Promise<string>): Promise<string> {
    const existing = this.get.get(key);
    if (existing !== undefined) return existing.value;
    const value = await create();
    groupCommitOf(this.db).open();
    this.insert.run(key, value);
    return this.get.get(key)?.value ?? value;
  }
}

/**
 * The tables `clear` empties, children first; the meta secrets and the control state stay, and so do
 * the sessions (ended with their reason, see `SessionStore.endAll`).
 */
export const clearedTables = [
  "logins",
  "smartcard_challenges",
  "login_failures",
  "lockouts",
  "password_history",
  "users",
  "outbox",
  "pc_results",
  "da_email_applications",
];
