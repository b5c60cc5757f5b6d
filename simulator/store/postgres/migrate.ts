import type pg from "pg";
import { type PgDb, statement } from "./pg-db.js";
import { postgresMigrations } from "./migrations.js";

/** The advisory lock the instances take in turn to migrate ("CCMS" in ASCII). */
const MIGRATION_LOCK = 0x43434d53;

const createVersions = statement(
  "migrations-table",
  `CREATE TABLE IF NOT EXISTS schema_migrations (
     version INTEGER PRIMARY KEY,
     applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
   )`,
);
const currentVersion = statement(
  "migrations-current",
  "SELECT coalesce(max(version), 0)::int AS version FROM schema_migrations",
);
const recordVersion = statement("migrations-record", "INSERT INTO schema_migrations (version) VALUES ($1)");

/** How long a start waits for another instance's migration, or runs its own, before it gives up. */
const MIGRATION_TIMEOUT_MS = 600_000;

/**
 * Brings the schema up to date. Instances that start at once take turns under an advisory lock;
 * each version is one transaction, so a start cut short leaves the schema at a whole version.
 * The waits of a request do not apply: waiting for another instance's migration is no stall.
 */
export function migrate(db: PgDb): Promise<number> {
  return db.withConnection(async (pooled) => {
    const client = {
      query: <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
        // pg reads a query's own query_timeout, which its types do not list.
        const config: pg.QueryConfig & { query_timeout: number } = {
          text,
          values,
          query_timeout: MIGRATION_TIMEOUT_MS,
        };
        return pooled.query<R>(config);
      },
    };
    await client.query("SET statement_timeout = 0");
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await client.query(createVersions.text);
      let version = (await client.query<{ version: number }>(currentVersion.text)).rows[0]?.version ?? 0;
      if (version > postgresMigrations.length) {
        throw new Error(
          `the database's schema is at version ${version}, newer than this simulator's (${postgresMigrations.length}): run a newer simulator`,
        );
      }
      for (const [index, sql] of postgresMigrations.entries()) {
        if (index + 1 <= version) continue;
        await client.query("BEGIN");
        try {
          await client.query(sql);
          await client.query(recordVersion.text, [index + 1]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
        version = index + 1;
      }
      return version;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
      await client.query("RESET statement_timeout");
    }
  });
}

/** The schema version in force (for readiness). */
export async function schemaVersion(db: PgDb): Promise<number> {
  return (await db.rows<{ version: number }>(currentVersion))[0]?.version ?? 0;
}
