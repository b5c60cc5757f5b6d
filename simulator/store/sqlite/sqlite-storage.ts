import { closeDatabase, openDatabase } from "../database.js";
import { groupCommitOf } from "../group-commit.js";
import { type Db } from "../sqlite.js";
import { type Storage, type Stores } from "../storage.js";
import { SqliteAuditStore } from "./audit.js";
import { SqliteChallengeStore } from "./challenges.js";
import { SqliteControlStore } from "./control.js";
import { SqliteDaEmailStore } from "./da-email-applications.js";
import { SqliteLockoutStore } from "./lockouts.js";
import { SqliteLoginStore } from "./logins.js";
import { clearedTables, SqliteMetaStore } from "./meta.js";
import { migrations } from "./migrations.js";
import { SqliteOutboxStore } from "./outbox.js";
import { SqliteReadinessStore } from "./readiness.js";
import { SqliteRoomStore } from "./room.js";
import { SqliteSessionStore } from "./sessions.js";
import { SqliteTransactions } from "./sqlite-transaction.js";
import { SqliteUserStore } from "./users.js";

/** The embedded default: one SQLite file in the data folder, one process, group commit. */
export class SqliteStorage implements Storage {
  readonly kind = "sqlite";
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
  readonly rateLimits = null;
  readonly commits;
  private readonly transactions: SqliteTransactions;

  private constructor(readonly db: Db) {
    this.users = new SqliteUserStore(db);
    this.lockouts = new SqliteLockoutStore(db);
    this.logins = new SqliteLoginStore(db);
    this.sessions = new SqliteSessionStore(db);
    this.outbox = new SqliteOutboxStore(db);
    this.audit = new SqliteAuditStore(db);
    this.challenges = new SqliteChallengeStore(db);
    this.control = new SqliteControlStore(db);
    this.meta = new SqliteMetaStore(db);
    this.readiness = new SqliteReadinessStore(db);
    this.daEmail = new SqliteDaEmailStore(db);
    this.room = new SqliteRoomStore(db);
    this.commits = groupCommitOf(db);
    this.transactions = new SqliteTransactions(db, this.commits, this);
  }

  /** Opens (creating it when absent) `<dataDir>/simulator.db` and brings its schema up to date. */
  static open(dataDir: string): SqliteStorage {
    const db = openDatabase(dataDir);
    try {
      return new SqliteStorage(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  transaction<T>(work: (tx: Stores) => Promise<T>): Promise<T> {
    return this.transactions.run(work);
  }

  async clear({ keepAudit = false }: { keepAudit?: boolean } = {}): Promise<void> {
    this.commits.open();
    this.db.transaction(() => {
      for (const table of keepAudit ? clearedTables : [...clearedTables, "audit"]) {
        this.db.exec(`DELETE FROM ${table}`);
      }
    });
  }

  async ready(): Promise<{ schemaVersion: number }> {
    const schemaVersion = Number(this.db.pragma("user_version"));
    if (schemaVersion !== migrations.length) {
      throw new Error(`the database schema is at version ${schemaVersion}, not ${migrations.length}`);
    }
    return { schemaVersion };
  }

  async close(): Promise<void> {
    if (this.db.open) closeDatabase(this.db);
  }
}
