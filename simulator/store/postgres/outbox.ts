import { type MailMessage } from "../../../shared/wire/control.js";
import { messageFromRow, outboxColumns, type OutboxRow } from "../rows.js";
import { type OutboxEntry, type OutboxStore } from "../storage.js";
import { type PgDb, statement } from "./pg-db.js";

const insert = statement(
  "outbox-insert",
  `INSERT INTO outbox (to_address, user_id, subject, text, html, otp, sent_at, status, error)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
);
// LIMIT NULL is no limit; newest first from the index, turned oldest first here.
const byAddress = statement(
  "outbox-by-address",
  `SELECT ${outboxColumns} FROM outbox WHERE lower(to_address) = lower($1) ORDER BY id DESC LIMIT $2`,
);
const byUser = statement(
  "outbox-by-user",
  `SELECT ${outboxColumns} FROM outbox WHERE user_id = $1 ORDER BY id DESC LIMIT $2`,
);

const limitOf = (limit: number): number | null => (limit < 0 ? null : limit);

export class PostgresOutboxStore implements OutboxStore {
  constructor(private readonly db: PgDb) {}

  async record(entry: OutboxEntry): Promise<void> {
    await this.db.count(insert, [
      entry.to,
      entry.userId,
      entry.subject,
      entry.text,
      entry.html,
      entry.otp,
      entry.sentAt,
      entry.status,
      entry.error,
    ]);
  }

  async forAddress(address: string, limit = -1): Promise<MailMessage[]> {
    const rows = await this.db.rows<OutboxRow>(byAddress, [address.trim(), limitOf(limit)]);
    return rows.reverse().map(messageFromRow);
  }

  async forUser(userKey: string, limit = -1): Promise<MailMessage[]> {
    const rows = await this.db.rows<OutboxRow>(byUser, [userKey, limitOf(limit)]);
    return rows.reverse().map(messageFromRow);
  }
}
