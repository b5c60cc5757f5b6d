import { type DaEmailRow, daEmailFromRow, daEmailListSql } from "../da-email-rows.js";
import {
  type DaEmailFilter,
  type DaEmailRecord,
  type DaEmailStore,
  type NewDaEmailApplication,
  type ProcessedDaEmail,
} from "../da-email-store.js";
import { type PgQueryable, statement } from "./pg-db.js";

// Applications for one DA are filed one instance at a time: the lock is the DA's, for the transaction.
const serialize = statement(
  "da-email-serialize",
  "SELECT pg_advisory_xact_lock(hashtextextended('da-email:' || $1, 0))",
);
const supersede = statement(
  "da-email-supersede",
  `UPDATE da_email_applications SET status = 'superseded', processed_at = $1
   WHERE user_key = $2 AND status = 'processing'`,
);
const insert = statement(
  "da-email-insert",
  `INSERT INTO da_email_applications (participant, user_key, user_id, display_name, email, submitted_by,
     submitted_at, status, due_at, late)
   VALUES ($1, $2, $3, $4, $5, $6, $7, 'processing', $8, $9)
   RETURNING *`,
);
const list = statement(
  "da-email-list",
  daEmailListSql((n) => `$${n}::text`),
);
const due = statement(
  "da-email-due",
  "SELECT id FROM da_email_applications WHERE status = 'processing' AND due_at <= $1 LIMIT 1",
);
// Each pending application is claimed by one instance: a racing UPDATE finds it no longer pending.
const claim = statement(
  "da-email-claim",
  `UPDATE da_email_applications SET status = 'effective', processed_at = least(due_at, $1)
   WHERE status = 'processing' AND due_at <= $2
   RETURNING *`,
);
const emailOf = statement("da-email-user", "SELECT email FROM users WHERE user_key = $1 FOR UPDATE");
const setEmail = statement("da-email-set", "UPDATE users SET email = $1 WHERE user_key = $2");

/** DAs' email applications on the shared database: whichever instance processes one, it is processed once. */
export class PostgresDaEmailStore implements DaEmailStore {
  constructor(private readonly db: PgQueryable) {}

  submit(application: NewDaEmailApplication): Promise<DaEmailRecord> {
    return this.db.transaction(async (tx) => {
      await tx.rows(serialize, [application.userKey]);
      await tx.count(supersede, [application.submittedAt, application.userKey]);
      const [row] = await tx.rows<DaEmailRow>(insert, [
        application.participant,
        application.userKey,
        application.userId,
        application.displayName,
        application.email,
        application.submittedBy,
        application.submittedAt,
        application.dueAt,
        application.late,
      ]);
      if (row === undefined) throw new Error("the application was not stored");
      return daEmailFromRow(row);
    });
  }

  async list({ status, participant, userKey }: DaEmailFilter): Promise<DaEmailRecord[]> {
    const rows = await this.db.rows<DaEmailRow>(list, [status ?? null, participant ?? null, userKey ?? null]);
    return rows.map(daEmailFromRow);
  }

  async anyDue(dueBy: number): Promise<boolean> {
    return (await this.db.rows(due, [dueBy])).length > 0;
  }

  async process(dueBy: number, now: number): Promise<ProcessedDaEmail[]> {
    if (!(await this.anyDue(dueBy))) return [];
    return this.db.transaction(async (tx) => {
      const claimed = (await tx.rows<DaEmailRow>(claim, [now, dueBy]))
        .map(daEmailFromRow)
        .sort((a, b) => a.id - b.id);
      const processed: ProcessedDaEmail[] = [];
      for (const application of claimed) {
        const [user] = await tx.rows<{ email: string | null }>(emailOf, [application.userKey]);
        await tx.count(setEmail, [application.email, application.userKey]);
        processed.push({ application, previousEmail: user?.email ?? null });
      }
      return processed;
    });
  }
}
