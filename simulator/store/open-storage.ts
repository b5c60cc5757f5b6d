import { type DatabaseOptions } from "./postgres/database-options.js";
import { type Storage } from "./storage.js";
import { SqliteStorage } from "./sqlite/sqlite-storage.js";

/**
 * SQLite in the data folder unless a PostgreSQL database is given. PostgreSQL's client is
 * loaded only then, so the embedded simulator never loads it.
 */
export async function openStorage(dataDir: string, database: DatabaseOptions | undefined): Promise<Storage> {
  if (database === undefined) return SqliteStorage.open(dataDir);
  const { PostgresStorage } = await import("./postgres/postgres-storage.js");
  return PostgresStorage.open(database);
}
