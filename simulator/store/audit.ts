import { normalizeUserId } from "../../shared/user-id.js";
import { type AuditEvent } from "../../shared/wire/control.js";
import { type Db } from "./sqlite.js";
import { type GroupCommit, groupCommitOf } from "./group-commit.js";

/** One authentication or administration event. Never a password, OTP or token. */
export interface AuditEntry {
  userId: string | null;
  event: string;
  method: string;
  outcome: string;
  clientAddress: string | null;
  detail?: string | null;
}

interface AuditRow {
  id: number;
  at: number;
  user_id: string | null;
  event: string;
  method: string;
  outcome: string;
  client_address: string | null;
  detail: string | null;
}

function toEvent(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    userId: row.user_id,
    event: row.event,
    method: row.method,
    outcome: row.outcome,
    clientAddress: row.client_address,
    detail: row.detail,
  };
}

export class AuditLog {
  private readonly insert;
  private readonly recent;
  private readonly recentOfUser;
  private readonly writes: GroupCommit;

  constructor(
    db: Db,
    private readonly now: () => number,
  ) {
    this.writes = groupCommitOf(db);
    this.insert = db.prepare(
      `INSERT INTO audit (at, user_id, event, method, outcome, client_address, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.recent = db.prepare<[number], AuditRow>(
      "SELECT * FROM (SELECT * FROM audit ORDER BY id DESC LIMIT ?) ORDER BY id",
    );
    this.recentOfUser = db.prepare<[string, number], AuditRow>(
      "SELECT * FROM (SELECT * FROM audit WHERE user_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id",
    );
  }

  /** `userId` is stored normalized (lower case) so queries match however it was typed. */
  record(entry: AuditEntry): void {
    this.writes.open();
    this.insert.run(
      this.now(),
      entry.userId === null ? null : normalizeUserId(entry.userId),
      entry.event,
      entry.method,
      entry.outcome,
      entry.clientAddress,
      entry.detail ?? null,
    );
  }

  /** Oldest first, the most recent `limit` events. */
  list(userId: string | undefined, limit: number): AuditEvent[] {
    const rows =
      userId === undefined ? this.recent.all(limit) : this.recentOfUser.all(normalizeUserId(userId), limit);
    return rows.map(toEvent);
  }
}
