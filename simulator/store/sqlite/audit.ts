import { type AuditEvent } from "../../../shared/wire/control.js";
import { type Db } from "../sqlite.js";
import { type GroupCommit, groupCommitOf } from "../group-commit.js";
import { failuresSinceSql, lastSignInSql } from "../readiness-sql.js";
import { type AuditTableRow, auditEventFromRow } from "../rows.js";
import { type AuditFilter, type AuditRow, type AuditStore, type SignInRecord } from "../storage.js";

const sqliteParameter = (n: number) => `?${n}`;

export class SqliteAuditStore implements AuditStore {
  private readonly insert;
  private readonly recent;
  private readonly lastSignInStmt;
  private readonly failuresStmt;
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
    this.lastSignInStmt = db.prepare<[string, number], SignInRecord>(lastSignInSql(sqliteParameter));
    this.failuresStmt = db.prepare<[string, number], { n: number; last: number | null }>(
      failuresSinceSql(sqliteParameter),
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

  async lastSignIn(userKey: string, before: number): Promise<SignInRecord | null> {
    return this.lastSignInStmt.get(userKey, before) ?? null;
  }

  async failuresSince(userKey: string, since: number): Promise<{ count: number; lastAt: number | null }> {
    const row = this.failuresStmt.get(userKey, since);
    return { count: row?.n ?? 0, lastAt: row?.last ?? null };
  }
}
