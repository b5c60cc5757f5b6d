import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "../../../simulator/index.js";
import { type SqliteStorage } from "../../../simulator/store/sqlite/sqlite-storage.js";
import { answerAt } from "../../support/authn-answers.js";
import { type PgRelay, startPgRelay } from "../../support/pg-relay.js";
import { type PgCluster, postgresUnavailable, startPostgres } from "../../support/postgres-cluster.js";
import { clusterUser, type SimClient, simClient } from "../../support/sim-client.js";
import { skipWhen } from "../../support/skip-when.js";

/**
 * A simulator on each adapter with a way to fail it between two statements of one answer
 * (PostgreSQL: a relay in front of it cuts the connection just before a named statement runs;
 * SQLite: a trigger makes an insert fail), for the tests of one commit per answer. Checked in the
 * database itself, not through the simulator.
 */
export interface OneCommitSetup {
  sim: RunningSimulator;
  client: SimClient;
  rows<R>(sql: string, params: unknown[]): Promise<R[]>;
  count(sql: string, params: unknown[]): Promise<number>;
  /**
   * Makes the next run of `statement` (PostgreSQL's name) fail, or the next insert into `table` (of
   * `event`, for the audit table), or the next change of `table` when `on` says "UPDATE".
   */
  failBefore(statement: string, table: string, event?: string, on?: "INSERT" | "UPDATE"): Promise<void>;
  /** Takes away SQLite's trigger (the relay's cut happens once by itself). */
  dropTrigger(): Promise<void>;
  /** Checks that an answer is the failure of a lost write on this adapter. */
  expectFailed(res: { status: number; data: unknown; headers: Record<string, unknown> }): void;
  newUser(userId: string, password: string): Promise<void>;
  codeFor(userId: string, password: string): Promise<{ stateToken: string; otp: string }>;
  /** Signs `userId` in with a code; answers the session token. */
  signIn(userId: string, password: string): Promise<string>;
  close(): Promise<void>;
}

type Base = Pick<OneCommitSetup, "sim" | "rows" | "failBefore" | "dropTrigger" | "close"> & {
  failure: { status: number; code: string; retryAfter: string | undefined };
};

/**
 * Describes `body` once on each adapter (PostgreSQL skipped where it is not installed), with a
 * simulator started by `options` on it: `s` is that adapter's setup once the tests run.
 */
export function describeOnEachAdapter(
  title: string,
  options: Partial<SimulatorOptions>,
  body: (s: OneCommitSetup) => void,
): void {
  const { adapters, cleanUp } = oneCommitAdapters(options);
  afterAll(cleanUp);
  for (const { kind, unavailable, setup } of adapters)
    describe(`${title}: ${kind}`, skipWhen(unavailable), () => {
      // Filled in before the first test: the tests keep this one object.
      const s = {} as OneCommitSetup;
      let made = false;
      beforeAll(async () => {
        Object.assign(s, await setup());
        made = true;
      }, 60_000);
      afterAll(async () => {
        if (made) await s.close();
      });
      body(s);
    });
}

function oneCommitAdapters(options: Partial<SimulatorOptions> = {}) {
  const roots: string[] = [];
  let cluster: PgCluster | undefined;
  const simulatorOptions = (root: string): SimulatorOptions => ({
    dataDir: root,
    hashProfile: "fast",
    quiet: true,
    controlToken: "commit-token",
    ...options,
  });
  const newRoot = () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-one-commit-"));
    roots.push(root);
    return root;
  };

  async function sqlite(): Promise<Base> {
    const sim = await startSimulator(simulatorOptions(newRoot()));
    const { db } = sim.context.storage as SqliteStorage;
    return {
      sim,
      rows: async <R>(sql: string, params: unknown[]) =>
        db.prepare(sql.replace(/\$\d+/g, "?")).all(...params) as R[],
      // A real SQLite failure of one statement: the trigger aborts it, once.
      async failBefore(_statement, table, event, on = "INSERT") {
        const when = event === undefined ? "" : `WHEN NEW.event = '${event}'`;
        db.exec(`CREATE TEMP TRIGGER injected_failure BEFORE ${on} ON ${table} ${when}
          BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
      },
      async dropTrigger() {
        db.exec("DROP TRIGGER IF EXISTS injected_failure");
      },
      failure: { status: 500, code: "INTERNAL", retryAfter: undefined },
      close: () => sim.close(),
    };
  }

  async function postgres(): Promise<Base> {
    if (cluster === undefined) cluster = await startPostgres();
    const url = await cluster.createDatabase(`one_commit_${Date.now()}`);
    const relay: PgRelay = await startPgRelay(cluster.port);
    const through = new URL(url);
    through.port = String(relay.port);
    const sim = await startSimulator({
      ...simulatorOptions(newRoot()),
      database: { url: through.toString() },
    });
    const direct = new pg.Client({ connectionString: url });
    await direct.connect();
    return {
      sim,
      rows: async <R>(sql: string, params: unknown[]) =>
        (await direct.query<R & pg.QueryResultRow>(sql, params)).rows,
      async failBefore(statement) {
        void relay.cutBefore(statement);
      },
      dropTrigger: async () => undefined,
      failure: { status: 503, code: "SERVER_ERROR", retryAfter: "1" },
      async close() {
        await sim.close();
        await direct.end();
        await relay.close();
      },
    };
  }

  const adapters = [
    { kind: "sqlite", unavailable: null, setup: () => withHelpers(sqlite()) },
    { kind: "postgres", unavailable: postgresUnavailable(), setup: () => withHelpers(postgres()) },
  ] as const;
  return {
    adapters,
    async cleanUp(): Promise<void> {
      await cluster?.remove();
      for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

async function withHelpers(made: Promise<Base>): Promise<OneCommitSetup> {
  const { failure, ...base } = await made;
  const client = simClient(base.sim.url, base.sim.caFile, base.sim.controlToken);
  const codeFor = async (userId: string, password: string) => {
    const begun = await client.http.post("/sso/api/v1/authn", { userId, password });
    const { stateToken } = answerAt(begun.data, "OTP_REQUIRED");
    const mail = await client.control.get("/__sim/mailbox", { params: { userId, limit: 1 } });
    const otp = (mail.data.messages as Array<{ otp: string | null }>)[0]?.otp;
    if (typeof otp !== "string") throw new Error("no code in the mailbox");
    return { stateToken, otp };
  };
  return {
    ...base,
    client,
    async count(sql, params) {
      return Number((await base.rows<{ n: number | string }>(sql, params))[0]?.n ?? 0);
    },
    expectFailed(res) {
      expect(res.status).toBe(failure.status);
      expect(res.data).toEqual({ error: { code: failure.code, message: expect.any(String) } });
      expect(res.headers["retry-after"]).toBe(failure.retryAfter);
    },
    async newUser(userId, password) {
      const created = await client.control.post("/__sim/users", clusterUser(userId, password));
      expect(created.status).toBe(201);
    },
    codeFor,
    async signIn(userId, password) {
      const { stateToken, otp } = await codeFor(userId, password);
      const verified = await client.http.post("/sso/api/v1/authn/otp/verify", { stateToken, otp });
      return answerAt(verified.data, "SUCCESS").sessionToken;
    },
    async close() {
      client.close();
      await base.close();
    },
  };
}
