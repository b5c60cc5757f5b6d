import { type Storage } from "./storage.js";
import { SqliteStorage } from "./sqlite/sqlite-storage.js";

/** A PostgreSQL database shared by several instances. */
export interface DatabaseOptions {
  /** postgres://user@host:port/database, without a password. */
  url: string;
  /** From PGPASSWORD or a password file; never from the command line. */
  password?: string;
  /** Connections this instance keeps open at most (default 25): commits waiting on the disk share them. */
  poolSize?: number;
}

/**
 * SQLite in the data folder unless a PostgreSQL database is given. PostgreSQL's client is
 * loaded only then, so the embedded simulator never loads it.
 */
export async function openStorage(dataDir: string, database: DatabaseOptions | undefined): Promise<Storage> {
  if (database === undefined) return SqliteStorage.open(dataDir);
  const { PostgresStorage } = await import("./postgres/postgres-storage.js");
  return PostgresStorage.open(database);
}
