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
  real_at: number | null;
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
    realAt: row.real_at === null ? null : new Date(row.real_at).toISOString(),
  };
}

/** Which events to list: all, or one user's, or one kind's, or both. */
export interface AuditFilter {
  userId?: string | undefined;
  event?: string | undefined;
}

export class AuditLog {
  private readonly insert;
  private readonly recent;
  private readonly writes: GroupCommit;

  /** `now` is the simulated clock; `realNow` the computer's own (kept beside it, for records of practice). */
  constructor(
    db: Db,
    private readonly now: () => number,
    private readonly realNow: () => number = Date.now,
  ) {
    this.writes = groupCommitOf(db);
    this.insert = db.prepare(
      `INSERT INTO audit (at, user_id, event, method, outcome, client_address, detail, real_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // A null parameter matches every row, so one statement serves each combination of filters.
    this.recent = db.prepare<[string | null, string | null, string | null, string | null, number], AuditRow>(
      `SELECT * FROM (
         SELECT * FROM audit
         WHERE (? IS NULL OR user_id = ?) AND (? IS NULL OR event = ?)
         ORDER BY id DESC LIMIT ?
       ) ORDER BY id`,
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
      this.realNow(),
    );
  }

  /** Oldest first, the most recent `limit` events (of one user and/or one kind when `filter` says so). */
  list({ userId, event }: AuditFilter, limit: number): AuditEvent[] {
    const user = userId === undefined ? null : normalizeUserId(userId);
    const kind = event ?? null;
    return this.recent.all(user, user, kind, kind, limit).map(toEvent);
  }
}
