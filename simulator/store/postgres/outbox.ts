import { type MailMessage } from "../../../shared/wire/control.js";
import { messageFromRow, outboxColumns, type OutboxRow } from "../rows.js";
import { type OutboxEntry, type OutboxStore } from "../storage.js";
import { Batch } from "./batch.js";
import { type PgQueryable, statement } from "./pg-db.js";

// Every message of one turn of the event loop in one INSERT, in order.
const insertMany = statement(
  "outbox-insert-many",
  `INSERT INTO outbox (to_address, user_id, subject, text, html, otp, sent_at, status, error)
   SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[],
     $8::text[], $9::text[])`,
);
// LIMIT NULL is no limit; newest first from the index, turned oldest first here.
const byAddress = statement(
  "outbox-by-address",
  `SELECT ${outboxColumns} FROM outbox WHERE lower(to_address) = lower($1) ORDER BY id DESC LIMIT $2`,
);
// The latest messages of each user asked for in one turn (a QA robot reading codes), newest first.
const byUsers = statement(
  "outbox-by-users",
  `SELECT asked.user_key, latest.* FROM unnest($1::text[]) AS asked (user_key)
   CROSS JOIN LATERAL (
     SELECT ${outboxColumns} FROM outbox WHERE user_id = asked.user_key ORDER BY id DESC LIMIT $2
   ) AS latest`,
);

interface UserAsked {
  userKey: string;
  limit: number | null;
}

const limitOf = (limit: number): number | null => (limit < 0 ? null : limit);

const columnsOf = (entries: OutboxEntry[]) => [
  entries.map((e) => e.to),
  entries.map((e) => e.userId),
  entries.map((e) => e.subject),
  entries.map((e) => e.text),
  entries.map((e) => e.html),
  entries.map((e) => e.otp),
  entries.map((e) => e.sentAt),
  entries.map((e) => e.status),
  entries.map((e) => e.error),
];

/**
 * The mailbox. On the pool, the messages of one turn of the event loop share one INSERT; in a
 * transaction (`batched` false) each message is written with it.
 */
export class PostgresOutboxStore implements OutboxStore {
  private readonly inserts: Batch<OutboxEntry, void> | null;
  /** On the pool, the users' mailboxes read in one turn share a statement (one per limit asked). */
  private readonly userReads: Batch<UserAsked, OutboxRow[]> | null;

  constructor(
    private readonly db: PgQueryable,
    batched = true,
  ) {
    this.inserts = batched
      ? new Batch<OutboxEntry, void>(async (entries) => {
          await db.write(insertMany, columnsOf(entries));
          return entries.map((): void => undefined);
        })
      : null;
    this.userReads = batched ? new Batch((asked) => this.readUsers(asked)) : null;
  }

  /** Resolves once the message is committed (with the others of its turn, or of its transaction). */
  record(entry: OutboxEntry): Promise<void> {
    return this.inserts === null ? this.db.write(insertMany, columnsOf([entry])) : this.inserts.add(entry);
  }

  async forAddress(address: string, limit = -1): Promise<MailMessage[]> {
    const rows = await this.db.rows<OutboxRow>(byAddress, [address.trim(), limitOf(limit)]);
    return rows.reverse().map(messageFromRow);
  }

  async forUser(userKey: string, limit = -1): Promise<MailMessage[]> {
    const asked = { userKey, limit: limitOf(limit) };
    const rows =
      this.userReads === null ? (await this.readUsers([asked]))[0] : await this.userReads.add(asked);
    return [...(rows ?? [])].reverse().map(messageFromRow);
  }

  private async readUsers(asked: UserAsked[]): Promise<OutboxRow[][]> {
    const found = new Map<string, OutboxRow[]>();
    const key = (userKey: string, limit: number | null) => `${limit ?? "all"} ${userKey}`;
    for (const limit of new Set(asked.map((a) => a.limit))) {
      const users = [...new Set(asked.filter((a) => a.limit === limit).map((a) => a.userKey))];
      for (const row of await this.db.rows<OutboxRow & { user_key: string }>(byUsers, [users, limit])) {
        const rows = found.get(key(row.user_key, limit)) ?? [];
        rows.push(row);
        found.set(key(row.user_key, limit), rows);
      }
    }
    return asked.map((a) => found.get(key(a.userKey, a.limit)) ?? []);
  }
}
