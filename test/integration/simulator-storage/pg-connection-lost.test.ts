import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PgDb, statement } from "../../../simulator/store/postgres/pg-db.js";
import { StorageUnavailableError } from "../../../simulator/store/storage.js";
import { type PgCluster, postgresUnavailable, startPostgres } from "../../support/postgres-cluster.js";
import { skipWhen } from "../../support/skip-when.js";

/**
 * A connection lent to a transaction when the database ends it (a restart, an administrator's
 * termination): the transaction fails as "database away" (503 with Retry-After), the process
 * lives on, and the next transaction gets a fresh connection. Run against a real PostgreSQL.
 */
const missing = postgresUnavailable();

let cluster: PgCluster | undefined;
let url = "";

beforeAll(async () => {
  if (missing !== null) return;
  cluster = await startPostgres();
  url = await cluster.createDatabase("lost");
}, 60_000);

afterAll(() => cluster?.remove());

const backendPid = statement("backend-pid", "SELECT pg_backend_pid() AS pid");
const one = statement("one", "SELECT 1 AS n");

/** Ends a server process from another connection, as `pg_terminate_backend` does on a restart. */
async function terminate(pid: number): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query("SELECT pg_terminate_backend($1)", [pid]);
  } finally {
    await admin.end();
  }
}

describe("a PostgreSQL connection lost inside a transaction", skipWhen(missing), () => {
  let db: PgDb;
  // An 'error' event nobody listens to ends the process: record any that escapes.
  const escaped: unknown[] = [];
  const record = (error: unknown) => escaped.push(error);

  beforeEach(() => {
    escaped.length = 0;
    process.on("uncaughtException", record);
    db = new PgDb({ connectionString: url, max: 2 });
  });

  afterEach(async () => {
    process.off("uncaughtException", record);
    await db.close();
  });

  it("ended by the server between statements: the transaction fails as 'database away', nothing escapes, the next one works", async () => {
    const work = db.transaction(async (tx) => {
      const [row] = await tx.rows<{ pid: number }>(backendPid);
      await terminate(row?.pid ?? 0);
      await tx.rows(one);
    });
    await expect(work).rejects.toBeInstanceOf(StorageUnavailableError);
    // The connection's end arrives after the failed statement: give it a few turns to be heard.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(escaped).toEqual([]);
    expect(await db.transaction((tx) => tx.rows<{ n: number }>(one))).toEqual([{ n: 1 }]);
  });

  it("the database stopped while a transaction holds a connection: it fails as 'database away', nothing escapes, the pool recovers when it is back", async () => {
    if (cluster === undefined) throw new Error("no cluster");
    const running = cluster;
    const work = db.transaction(async (tx) => {
      await tx.rows(one);
      await running.stop();
      await tx.rows(one);
    });
    try {
      await expect(work).rejects.toBeInstanceOf(StorageUnavailableError);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(escaped).toEqual([]);
    } finally {
      await running.start();
    }
    expect(await db.transaction((tx) => tx.rows<{ n: number }>(one))).toEqual([{ n: 1 }]);
  });
});
