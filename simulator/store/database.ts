import fs from "node:fs";
import path from "node:path";
import { groupCommitOf } from "./group-commit.js";
import { migrations } from "./sqlite/migrations.js";
import { Db } from "./sqlite.js";

export { Db } from "./sqlite.js";

/** The database file in a data folder. */
export function databaseFile(dataDir: string): string {
  return path.join(dataDir, "simulator.db");
}

/**
 * Opens `<dataDir>/simulator.db` in WAL mode and brings its schema up to date.
 * synchronous=NORMAL in WAL keeps every committed transaction across a process
 * crash (SIGKILL); only a power loss can drop the last few.
 */
export function openDatabase(dataDir: string): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = Db.open(databaseFile(dataDir));
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function migrate(db: Db): void {
  const current = Number(db.pragma("user_version"));
  migrations.forEach((sql, index) => {
    const version = index + 1;
    if (version <= current) return;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    });
  });
}

/**
 * Commits the open group of writes (see GroupCommit), copies the WAL into the
 * database file (so the file alone holds everything), then closes the connection.
 */
export function closeDatabase(db: Db): void {
  try {
    groupCommitOf(db).commitNow();
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
}
