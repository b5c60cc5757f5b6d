import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { groupCommitOf } from "./group-commit.js";
import { migrations } from "./migrations.js";

export type Db = Database.Database;

/**
 * Opens `<dataDir>/simulator.db` in WAL mode and brings its schema up to date.
 * synchronous=NORMAL in WAL keeps every committed transaction across a process
 * crash (SIGKILL); only a power loss can drop the last few.
 */
export function openDatabase(dataDir: string): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, "simulator.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  migrations.forEach((sql, index) => {
    const version = index + 1;
    if (version <= current) return;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  });
}

/** Commits the open group of writes (see GroupCommit), then closes the connection. */
export function closeDatabase(db: Db): void {
  try {
    groupCommitOf(db).commitNow();
  } finally {
    db.close();
  }
}
