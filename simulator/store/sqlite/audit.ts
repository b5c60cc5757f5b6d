import { type AuditEvent } from "../../../shared/wire/control.js";
import { type Db } from "../sqlite.js";
import { type GroupCommit, groupCommitOf } from "../group-commit.js";
import { type AuditTableRow, auditEventFromRow } from "../rows.js";
import { type AuditFilter, type AuditRow, type AuditStore } from "../storage.js";

export class SqliteAuditStore implements AuditStore {
  private readonly insert;
  private readonly recent;
  private readonly writes: GroupCommit;

  constructor(db: Db) {
    this.writes = groupCommitOf(db);
    this.insert = db.prepare(
      `INSERT INTO audit (at, user_id, event, method, outcome, client_address, detail, real_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // A null parameter matches every row, so one statement serves each combination of filters.
    this.recent = db.prepare<
      [string | null, string | null, string | null, string | null, number],
      AuditTableRow
    >(
      `SELECT * FROM (
         SELECT * FROM audit
         WHERE (? IS NULL OR user_id = ?) AND (? IS NULL OR event = ?)
         ORDER BY id DESC LIMIT ?
       ) ORDER BY id`,
    );
  }

  append(row: AuditRow): void {
    this.writes.open();
    this.insert.run(
      row.at,
      row.userId,
      row.event,
      row.method,
      row.outcome,
      row.clientAddress,
      row.detail,
      row.realAt,
    );
  }

  async list({ userId, event }: AuditFilter, limit: number): Promise<AuditEvent[]> {
    const user = userId ?? null;
    const kind = event ?? null;
    return this.recent.all(user, user, kind, kind, limit).map(auditEventFromRow);
  }
}
