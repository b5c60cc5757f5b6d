import { type MailMessage } from "../../../shared/wire/control.js";
import { type Db } from "../sqlite.js";
import { type GroupCommit, groupCommitOf } from "../group-commit.js";
import { messageFromRow as toMessage, type OutboxRow, outboxColumns as columns } from "../rows.js";
import { type OutboxEntry, type OutboxStore } from "../storage.js";

export class SqliteOutboxStore implements OutboxStore {
  private readonly insert;
  private readonly byAddress;
  private readonly byUser;
  private readonly writes: GroupCommit;

  constructor(db: Db) {
    this.writes = groupCommitOf(db);
    this.insert = db.prepare(
      `INSERT INTO outbox (to_address, user_id, subject, text, html, otp, sent_at, status, error)
       VALUES (@to, @userId, @subject, @text, @html, @otp, @sentAt, @status, @error)`,
    );
    // Newest first straight from the index, turned oldest first in JS: no sort in SQLite.
    this.byAddress = db.prepare<[string, number], OutboxRow>(
      `SELECT ${columns} FROM outbox WHERE to_address = ? COLLATE NOCASE ORDER BY id DESC LIMIT ?`,
    );
    this.byUser = db.prepare<[string, number], OutboxRow>(
      `SELECT ${columns} FROM outbox WHERE user_id = ? ORDER BY id DESC LIMIT ?`,
    );
  }

  async record(entry: OutboxEntry): Promise<void> {
    this.writes.open();
    this.insert.run(entry);
  }

  async forAddress(address: string, limit = -1): Promise<MailMessage[]> {
    return this.byAddress.all(address.trim(), limit).reverse().map(toMessage);
  }

  async forUser(userKey: string, limit = -1): Promise<MailMessage[]> {
    return this.byUser.all(userKey, limit).reverse().map(toMessage);
  }
}
