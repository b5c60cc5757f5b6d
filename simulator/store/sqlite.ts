import { DatabaseSync, type DatabaseSyncInstance } from "@photostructure/sqlite";

/** What a statement binds: positional values, or one object of named ones (`@name` in the SQL). */
export type BindValue = null | number | bigint | string | Uint8Array;

export interface RunResult {
  changes: number | bigint;
  lastInsertRowid: number | bigint;
}

/**
 * A prepared statement, typed by its parameters and its row. BLOB columns come
 * back as Uint8Array; an absent row is `undefined`.
 */
export interface Statement<P extends unknown[] = unknown[], R = unknown> {
  run(...params: P): RunResult;
  get(...params: P): R | undefined;
  all(...params: P): R[];
}

interface Prepared {
  run(...params: unknown[]): RunResult;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

/**
 * One SQLite connection, through an N-API driver that ships prebuilt binaries
 * (`@photostructure/sqlite`, the `node:sqlite` API), so the same file loads in
 * Node and in Electron without a rebuild. The simulator's stores see only this.
 */
export class Db {
  private savepoints = 0;
  private readonly begin: Prepared;
  private readonly commit: Prepared;
  private readonly rollback: Prepared;

  private constructor(private readonly connection: DatabaseSyncInstance) {
    this.begin = this.prepare("BEGIN");
    this.commit = this.prepare("COMMIT");
    this.rollback = this.prepare("ROLLBACK");
  }

  /**
   * Opens (creating it when absent, unless read-only) the database file. A lock
   * held by another process is waited for up to 5 s, from the first statement on.
   */
  static open(file: string, options: { readOnly?: boolean } = {}): Db {
    return new Db(new DatabaseSync(file, { readOnly: options.readOnly ?? false, timeout: 5000 }));
  }

  get open(): boolean {
    return this.connection.isOpen;
  }

  get inTransaction(): boolean {
    return this.connection.isTransaction;
  }

  prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): Statement<P, R> {
    return this.connection.prepare(sql) as unknown as Statement<P, R>;
  }

  exec(sql: string): void {
    this.connection.exec(sql);
  }

  /** The first column of the first row of `PRAGMA <text>` (its value, or what setting it answered). */
  pragma(text: string): unknown {
    const row = this.connection.prepare(`PRAGMA ${text}`).get() as Record<string, unknown> | undefined;
    return row === undefined ? undefined : Object.values(row)[0];
  }

  /**
   * Runs `work` in a transaction and returns its result; a throw rolls back its
   * writes. Inside an open transaction it is a savepoint, so it commits with
   * the outer one.
   */
  transaction<T>(work: () => T): T {
    if (!this.inTransaction) {
      this.begin.run();
      try {
        const result = work();
        this.commit.run();
        return result;
      } catch (error) {
        if (this.inTransaction) this.rollback.run();
        throw error;
      }
    }
    const name = `nested_${++this.savepoints}`;
    this.connection.exec(`SAVEPOINT ${name}`);
    try {
      const result = work();
      this.connection.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      if (this.inTransaction) this.connection.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      throw error;
    } finally {
      this.savepoints -= 1;
    }
  }

  close(): void {
    this.connection.close();
  }
}
