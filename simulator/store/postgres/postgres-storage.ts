import { type DatabaseOptions } from "./database-options.js";
import { type Storage, type Stores } from "../storage.js";
import { PostgresAuditStore, PostgresTxAuditStore } from "./audit.js";
import { PostgresControlStore } from "./control.js";
import { PostgresDaEmailStore } from "./da-email-applications.js";
import { PostgresLockoutStore } from "./lockouts.js";
import { PostgresLoginStore } from "./logins.js";
import { migrate, schemaVersion } from "./migrate.js";
import { postgresMigrations } from "./migrations.js";
import { PostgresOutboxStore } from "./outbox.js";
import { PostgresReadinessStore } from "./readiness.js";
import { PostgresRoomStore } from "./room.js";
import { PgDb, type PgQueryable, type PgTx, statement } from "./pg-db.js";
import { PostgresSessionStore } from "./sessions.js";
import { PostgresChallengeStore, PostgresMetaStore, PostgresRateLimitStore } from "./small-stores.js";
import { PostgresUserStore } from "./users.js";

/**
 * The tables `clear` empties; the meta secrets, the control state and the schema stay, and so do the
 * sessions (ended with their reason, see `SessionStore.endAll`).
 */
const cleared = [
  "logins",
  "smartcard_challenges",
  "login_failures",
  "lockouts",
  "password_history",
  "users",
  "outbox",
  "pc_results",
  "da_email_applications",
];

/**
 * PostgreSQL, shared by any number of simulator instances (`--database postgres://…`). Each
 * acknowledged write is committed by PostgreSQL before the answer leaves; decisions are single
 * statements or transactions; an answer's writes are one transaction (`transaction`, its audit
 * lines in it); audit lines written outside one go behind, in groups (see PostgresAuditStore).
 */
export class PostgresStorage implements Storage {
  readonly kind = "postgres";
  readonly users;
  readonly lockouts;
  readonly logins;
  readonly sessions;
  readonly outbox;
  readonly audit;
  readonly challenges;
  readonly control;
  readonly meta;
  readonly readiness;
  readonly daEmail;
  readonly room;
  readonly rateLimits;
  readonly commits;

  private constructor(private readonly db: PgDb) {
    this.users = new PostgresUserStore(db);
    this.lockouts = new PostgresLockoutStore(db);
    this.logins = new PostgresLoginStore(db);
    this.sessions = new PostgresSessionStore(db);
    this.outbox = new PostgresOutboxStore(db);
    this.audit = new PostgresAuditStore(db);
    this.challenges = new PostgresChallengeStore(db);
    this.control = new PostgresControlStore(db);
    this.meta = new PostgresMetaStore(db);
    this.readiness = new PostgresReadinessStore(db);
    this.daEmail = new PostgresDaEmailStore(db);
    this.room = new PostgresRoomStore(db, () => this.audit.drain());
    this.rateLimits = new PostgresRateLimitStore(db);
    // Every other write is awaited (committed) before its request goes on: the audit log's lines
    // are the only writes an answer may leave ahead of.
    this.commits = this.audit;
  }

  /** Connects, brings the schema up to date (one instance at a time) and seeds the control state. */
  static async open(options: DatabaseOptions): Promise<PostgresStorage> {
    const db = new PgDb({
      connectionString: options.url,
      ...(options.password === undefined ? {} : { password: options.password }),
      max: options.poolSize ?? 25,
      ...(options.timeouts === undefined ? {} : { timeouts: options.timeouts }),
    });
    try {
      await migrate(db);
      const storage = new PostgresStorage(db);
      await storage.control.seed();
      return storage;
    } catch (error) {
      await db.close();
      throw error;
    }
  }

  transaction<T>(work: (tx: Stores) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      const stores = storesIn(tx, () => this.audit.drain());
      const result = await work(stores);
      // Sent behind the last statement, ahead of the COMMIT: no round trip of its own.
      await stores.audit.write();
      return result;
    });
  }

  clear(options: { keepAudit?: boolean } = {}): Promise<void> {
    return clearTables(this.db, () => this.audit.drain(), options);
  }

  async ready(): Promise<{ schemaVersion: number }> {
    // One statement: the database answers, and its schema is this build's.
    const version = await schemaVersion(this.db);
    if (version !== postgresMigrations.length) {
      throw new Error(`the database schema is at version ${version}, not ${postgresMigrations.length}`);
    }
    return { schemaVersion: version };
  }

  async close(): Promise<void> {
    await this.audit.drain();
    await this.db.close();
  }
}

/**
 * The stores of one transaction: each statement on its connection, the audit lines sent with its commit.
 * `drain` waits for the audit lines written behind, outside it (a start over forgets those too).
 */
function storesIn(tx: PgTx, drain: () => Promise<unknown>): Stores & { audit: PostgresTxAuditStore } {
  return {
    users: new PostgresUserStore(tx),
    lockouts: new PostgresLockoutStore(tx),
    logins: new PostgresLoginStore(tx),
    sessions: new PostgresSessionStore(tx),
    outbox: new PostgresOutboxStore(tx, false),
    audit: new PostgresTxAuditStore(tx),
    challenges: new PostgresChallengeStore(tx),
    readiness: new PostgresReadinessStore(tx),
    daEmail: new PostgresDaEmailStore(tx),
    room: new PostgresRoomStore(tx, drain),
    control: new PostgresControlStore(tx),
    clear: (options) => clearTables(tx, drain, options),
  };
}

/** Empties the tables `clear` does, after the audit lines written behind (which it would miss). */
async function clearTables(
  on: PgQueryable,
  drain: () => Promise<unknown>,
  { keepAudit = false }: { keepAudit?: boolean } = {},
): Promise<void> {
  const tables = keepAudit ? cleared : [...cleared, "audit"];
  await drain();
  await on.transaction(async (tx) => {
    for (const table of tables) await tx.count(statement(`clear-${table}`, `DELETE FROM ${table}`));
  });
}
