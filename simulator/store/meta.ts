import crypto from "node:crypto";
import { type Db } from "./sqlite.js";
import { groupCommitOf } from "./group-commit.js";

/** A secret generated once per data folder (e.g. the OTP HMAC key), kept in the meta table. */
export function persistentSecret(db: Db, key: string): Buffer {
  const get = db.prepare<[string], { value: string }>("SELECT value FROM meta WHERE key = ?");
  const existing = get.get(key);
  if (existing !== undefined) return Buffer.from(existing.value, "base64");
  const secret = crypto.randomBytes(32);
  groupCommitOf(db).open();
  db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)").run(key, secret.toString("base64"));
  return Buffer.from(get.get(key)?.value ?? secret.toString("base64"), "base64");
}

/** Empties every table of users, logins, sessions, mail and (unless `keepAudit`) audit; the meta secrets stay. */
export function clearAll(db: Db, { keepAudit = false }: { keepAudit?: boolean } = {}): void {
  groupCommitOf(db).open();
  const tables = ["sessions", "logins", "login_failures", "lockouts", "password_history", "users", "outbox"];
  db.transaction(() => {
    for (const table of keepAudit ? tables : [...tables, "audit"]) {
      db.exec(`DELETE FROM ${table}`);
    }
  });
}
