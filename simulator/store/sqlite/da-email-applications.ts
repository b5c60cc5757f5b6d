import { type Db } from "../sqlite.js";
import { type GroupCommit, groupCommitOf } from "../group-commit.js";
import { type DaEmailRow, daEmailFromRow, daEmailListSql } from "../da-email-rows.js";
import {
  type DaEmailFilter,
  type DaEmailRecord,
  type DaEmailStore,
  type NewDaEmailApplication,
  type ProcessedDaEmail,
} from "../da-email-store.js";

type Row = DaEmailRow;

/** DAs' email applications in the one process's SQLite file: each step one transaction. */
export class SqliteDaEmailStore implements DaEmailStore {
  private readonly supersede;
  private readonly insert;
  private readonly listStmt;
  private readonly dueStmt;
  private readonly claim;
  private readonly emailOf;
  private readonly setEmail;
  private readonly writes: GroupCommit;

  constructor(private readonly db: Db) {
    this.writes = groupCommitOf(db);
    this.supersede = db.prepare(
      `UPDATE da_email_applications SET status = 'superseded', processed_at = ?
       WHERE user_key = ? AND status = 'processing'`,
    );
    this.insert = db.prepare<unknown[], Row>(
      `INSERT INTO da_email_applications (participant, user_key, user_id, display_name, email, submitted_by,
         submitted_at, status, due_at, late)
       VALUES (@participant, @userKey, @userId, @displayName, @email, @submittedBy, @submittedAt, 'processing',
         @dueAt, @late)
       RETURNING *`,
    );
    this.listStmt = db.prepare<[string | null, string | null, string | null], Row>(
      daEmailListSql((n) => `?${n}`),
    );
    this.dueStmt = db.prepare<[number], { id: number }>(
      "SELECT id FROM da_email_applications WHERE status = 'processing' AND due_at <= ? LIMIT 1",
    );
    this.claim = db.prepare<[number, number], Row>(
      `UPDATE da_email_applications SET status = 'effective', processed_at = min(due_at, ?1)
       WHERE status = 'processing' AND due_at <= ?2
       RETURNING *`,
    );
    this.emailOf = db.prepare<[string], { email: string | null }>(
      "SELECT email FROM users WHERE user_key = ?",
    );
    this.setEmail = db.prepare("UPDATE users SET email = ? WHERE user_key = ?");
  }

  async submit(application: NewDaEmailApplication): Promise<DaEmailRecord> {
    this.writes.open();
    return this.db.transaction(() => {
      this.supersede.run(application.submittedAt, application.userKey);
      const row = this.insert.get({ ...application, late: application.late ? 1 : 0 });
      if (row === undefined) throw new Error("the application was not stored");
      return daEmailFromRow(row);
    });
  }

  async list({ status, participant, userKey }: DaEmailFilter): Promise<DaEmailRecord[]> {
    return this.listStmt.all(status ?? null, participant ?? null, userKey ?? null).map(daEmailFromRow);
  }

  async anyDue(dueBy: number): Promise<boolean> {
    return this.dueStmt.get(dueBy) !== undefined;
  }

  async process(dueBy: number, now: number): Promise<ProcessedDaEmail[]> {
    // Synchronous to the last write: a transaction counts the writes made within each call.
    if (this.dueStmt.get(dueBy) === undefined) return [];
    this.writes.open();
    return this.db.transaction(() =>
      this.claim
        .all(now, dueBy)
        .map(daEmailFromRow)
        .sort((a, b) => a.id - b.id)
        .map((application) => {
          const previousEmail = this.emailOf.get(application.userKey)?.email ?? null;
          this.setEmail.run(application.email, application.userKey);
          return { application, previousEmail };
        }),
    );
  }
}
