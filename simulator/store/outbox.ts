import { type MailMessage } from "../../shared/wire/control.js";
import { type Db } from "./sqlite.js";
import { type GroupCommit, groupCommitOf } from "./group-commit.js";

export interface OutboxEntry {
  to: string;
  userId: string | null;
  subject: string;
  text: string;
  html: string | null;
  otp: string | null;
  sentAt: number;
  status: "delivered" | "failed";
  error: string | null;
}

interface OutboxRow {
  to_address: string;
  subject: string;
  text: string;
  html: string | null;
  otp: string | null;
  sent_at: number;
  status: "delivered" | "failed";
}

const columns = "to_address, subject, text, html, otp, sent_at, status";

function toMessage(row: OutboxRow): MailMessage {
  const message: MailMessage = {
    to: row.to_address,
    subject: row.subject,
    text: row.text,
    otp: row.otp,
    sentAt: new Date(row.sent_at).toISOString(),
    status: row.status,
  };
  if (row.html !== null) message.html = row.html;
  return message;
}

/** The simulated mailbox: every message the simulator sent (or failed to send). */
export class OutboxStore {
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

  record(entry: OutboxEntry): void {
    this.writes.open();
    this.insert.run(entry);
  }

  /** Oldest first; the most recent `limit` messages when given. */
  forAddress(address: string, limit = -1): MailMessage[] {
    return this.byAddress.all(address.trim(), limit).reverse().map(toMessage);
  }

  /** By normalized user ID; oldest first. */
  forUser(userKey: string, limit = -1): MailMessage[] {
    return this.byUser.all(userKey, limit).reverse().map(toMessage);
  }
}
