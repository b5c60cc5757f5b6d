import { type AuditEvent } from "../../../shared/wire/control.js";
import { failuresSinceSql, lastSignInSql } from "../readiness-sql.js";
import { type AuditTableRow, auditEventFromRow } from "../rows.js";
import {
  type AuditFilter,
  type AuditRow,
  type AuditStore,
  type CommitBarrier,
  type SignInRecord,
} from "../storage.js";
import { type PgDb, type PgQueryable, statement } from "./pg-db.js";

const postgresParameter = (n: number) => `$${n}`;
const lastSignIn = statement("audit-last-sign-in", lastSignInSql(postgresParameter));
const failuresSince = statement("audit-failures-since", failuresSinceSql(postgresParameter));

// One INSERT for every line appended in a turn of the event loop, in order.
const insertMany = statement(
  "audit-insert-many",
  `INSERT INTO audit (at, user_id, event, method, outcome, client_address, detail, real_at)
   SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[])`,
);
const recent = statement(
  "audit-recent",
  `SELECT * FROM (
     SELECT * FROM audit
     WHERE ($1::text IS NULL OR user_id = $1) AND ($2::text IS NULL OR event = $2)
     ORDER BY id DESC LIMIT $3
   ) AS latest ORDER BY id`,
);

const columnsOf = (rows: AuditRow[]) => [
  rows.map((r) => r.at),
  rows.map((r) => r.userId),
  rows.map((r) => r.event),
  rows.map((r) => r.method),
  rows.map((r) => r.outcome),
  rows.map((r) => r.clientAddress),
  rows.map((r) => r.detail),
  rows.map((r) => r.realAt),
];

/** What the audit log answers, on the pool or inside a transaction. */
abstract class PostgresAuditReads {
  constructor(protected readonly db: PgQueryable) {}

  async list({ userId, event }: AuditFilter, limit: number): Promise<AuditEvent[]> {
    const rows = await this.db.rows<AuditTableRow>(recent, [userId ?? null, event ?? null, limit]);
    return rows.map(auditEventFromRow);
  }

  async lastSignIn(userKey: string, before: number): Promise<SignInRecord | null> {
    const [row] = await this.db.rows<SignInRecord>(lastSignIn, [userKey, before]);
    return row ?? null;
  }

  async failuresSince(userKey: string, since: number): Promise<{ count: number; lastAt: number | null }> {
    const [row] = await this.db.rows<{ n: number; last: number | null }>(failuresSince, [userKey, since]);
    return { count: row?.n ?? 0, lastAt: row?.last ?? null };
  }
}

/** The audit lines of one transaction: one INSERT sent with its COMMIT, so they are committed with it. */
export class PostgresTxAuditStore extends PostgresAuditReads implements AuditStore {
  private rows: AuditRow[] = [];

  append(row: AuditRow): void {
    this.rows.push(row);
  }

  /** Sends the lines appended so far; the transaction's commit reports how it went. */
  async write(): Promise<void> {
    const rows = this.rows;
    this.rows = [];
    if (rows.length > 0) await this.db.write(insertMany, columnsOf(rows));
  }
}

/**
 * The audit log on PostgreSQL, written behind: lines appended during one turn of the event loop
 * go to the database in one statement, and the commit barrier holds every answer back until the
 * lines written before it are committed (or turns it into an error when they are lost): the
 * group commit of the SQLite adapter, for the lines an answer writes outside a transaction.
 */
export class PostgresAuditStore extends PostgresAuditReads implements AuditStore, CommitBarrier {
  private queue: AuditRow[] = [];
  private appended = 0;
  private latestLost = 0;
  private latestLoss: Error | null = null;
  private readonly inFlight = new Set<Promise<Error | null>>();
  private scheduled = false;

  constructor(private readonly pool: PgDb) {
    super(pool);
  }

  get group(): number {
    return this.appended + 1;
  }

  append(row: AuditRow): void {
    this.queue.push(row);
    this.appended += 1;
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  afterCommit(settled: (error: Error | null) => void): void {
    if (this.queue.length > 0) this.flush();
    if (this.inFlight.size === 0) {
      settled(null);
      return;
    }
    void Promise.all(this.inFlight).then((errors) => settled(errors.find((e) => e !== null) ?? null));
  }

  lostSince(group: number): Error | null {
    return this.latestLost !== 0 && this.latestLost >= group ? this.latestLoss : null;
  }

  /** Waits for every line appended so far. */
  drain(): Promise<Error | null> {
    return new Promise((resolve) => this.afterCommit(resolve));
  }

  private flush(): void {
    this.scheduled = false;
    const rows = this.queue;
    if (rows.length === 0) return;
    this.queue = [];
    const last = this.appended;
    const write: Promise<Error | null> = this.pool
      .write(insertMany, columnsOf(rows))
      .then(
        () => null,
        (error: unknown) => {
          const loss = error instanceof Error ? error : new Error(String(error));
          if (last >= this.latestLost) {
            this.latestLost = last;
            this.latestLoss = loss;
          }
          return loss;
        },
      )
      .finally(() => this.inFlight.delete(write));
    this.inFlight.add(write);
  }
}
