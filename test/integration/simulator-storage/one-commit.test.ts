import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../simulator/index.js";
import { type SqliteStorage } from "../../../simulator/store/sqlite/sqlite-storage.js";
import { answerAt } from "../../support/authn-answers.js";
import { type PgRelay, startPgRelay } from "../../support/pg-relay.js";
import { type PgCluster, postgresUnavailable, startPostgres } from "../../support/postgres-cluster.js";
import { skipWhen } from "../../support/skip-when.js";
import { clusterUser, type SimClient, simClient } from "../../support/sim-client.js";

/**
 * One commit per answer: the database fails between two writes of one answer (PostgreSQL: a relay
 * in front of it cuts the connection just before the second statement runs; SQLite: a trigger
 * makes the second statement fail), and the answer leaves nothing of itself behind, so that the
 * retry it invites works: a sign-in's answers, a DA's email application and HKEX processing it. Checked in the database itself, not through the simulator.
 */
const pgMissing = postgresUnavailable();

const password = "Commit#Once2023";
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
});

/** What a test needs of each adapter: a simulator, a way to read its tables, and a fault between two statements. */
interface Setup {
  sim: RunningSimulator;
  client: SimClient;
  rows<R>(sql: string, params: unknown[]): Promise<R[]>;
  /** Makes the next run of `statement` (PostgreSQL's name) or the next insert into `table` fail. */
  failBefore(statement: string, table: string, event?: string): Promise<void>;
  /** What a failed answer looks like on this adapter. */
  failure: { status: number; code: string; retryAfter: string | undefined };
  close(): Promise<void>;
}

async function sqliteSetup(): Promise<Setup> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-one-commit-"));
  roots.push(root);
  const sim = await startSimulator({
    dataDir: root,
    hashProfile: "fast",
    quiet: true,
    controlToken: "commit-token",
  });
  const { db } = sim.context.storage as SqliteStorage;
  return {
    sim,
    client: simClient(sim.url, sim.caFile, sim.controlToken),
    rows: async <R>(sql: string, params: unknown[]) =>
      db.prepare(sql.replace(/\$\d+/g, "?")).all(...params) as R[],
    // A real SQLite failure of one statement: the trigger aborts it, once.
    async failBefore(_statement, table, event) {
      const when = event === undefined ? "" : `WHEN NEW.event = '${event}'`;
      db.exec(`CREATE TEMP TRIGGER injected_failure BEFORE INSERT ON ${table} ${when}
        BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    },
    failure: { status: 500, code: "INTERNAL", retryAfter: undefined },
    async close() {
      await sim.close();
    },
  };
}

let cluster: PgCluster | undefined;
let relay: PgRelay | undefined;

async function postgresSetup(): Promise<Setup> {
  if (cluster === undefined) cluster = await startPostgres();
  const url = await cluster.createDatabase(`one_commit_${Date.now()}`);
  relay = await startPgRelay(cluster.port);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-one-commit-"));
  roots.push(root);
  const through = new URL(url);
  through.port = String(relay.port);
  const sim = await startSimulator({
    dataDir: root,
    hashProfile: "fast",
    quiet: true,
    controlToken: "commit-token",
    database: { url: through.toString() },
  });
  const direct = new pg.Client({ connectionString: url });
  await direct.connect();
  const cutter = relay;
  return {
    sim,
    client: simClient(sim.url, sim.caFile, sim.controlToken),
    rows: async <R>(sql: string, params: unknown[]) =>
      (await direct.query<R & pg.QueryResultRow>(sql, params)).rows,
    async failBefore(statement) {
      void cutter.cutBefore(statement);
    },
    failure: { status: 503, code: "SERVER_ERROR", retryAfter: "1" },
    async close() {
      await sim.close();
      await direct.end();
      await cutter.close();
    },
  };
}

afterAll(() => cluster?.remove());

const adapters = [
  { kind: "sqlite", unavailable: null, setup: sqliteSetup },
  { kind: "postgres", unavailable: pgMissing, setup: postgresSetup },
] as const;

for (const { kind, unavailable, setup } of adapters)
  describe(`one commit per answer: ${kind}`, skipWhen(unavailable), () => {
    let s: Setup;
    beforeAll(async () => {
      s = await setup();
    }, 60_000);
    afterAll(async () => {
      await s?.close();
    });

    const count = async (sql: string, params: unknown[]) =>
      Number((await s.rows<{ n: number | string }>(sql, params))[0]?.n ?? 0);
    const sessionsOf = (userKey: string) =>
      count("SELECT count(*) AS n FROM sessions WHERE user_key = $1", [userKey]);
    const auditOf = (userKey: string, event: string) =>
      count("SELECT count(*) AS n FROM audit WHERE user_id = $1 AND event = $2", [userKey, event]);

    async function newUser(userId: string): Promise<void> {
      const created = await s.client.control.post("/__sim/users", clusterUser(userId, password));
      expect(created.status).toBe(201);
    }

    async function codeFor(userId: string): Promise<{ stateToken: string; otp: string }> {
      const begun = await s.client.http.post("/sso/api/v1/authn", { userId, password });
      const { stateToken } = answerAt(begun.data, "OTP_REQUIRED");
      const mail = await s.client.control.get("/__sim/mailbox", { params: { userId, limit: 1 } });
      const otp = (mail.data.messages as Array<{ otp: string | null }>)[0]?.otp;
      if (typeof otp !== "string") throw new Error("no code in the mailbox");
      return { stateToken, otp };
    }

    function expectFailed(res: { status: number; data: unknown; headers: Record<string, unknown> }): void {
      expect(res.status).toBe(s.failure.status);
      expect(res.data).toEqual({ error: { code: s.failure.code, message: expect.any(String) } });
      expect(res.headers["retry-after"]).toBe(s.failure.retryAfter);
    }

    const dropTrigger = async () => {
      if (s.sim.storage === "sqlite")
        await s.rows("DROP TRIGGER IF EXISTS injected_failure", []).catch(() => []);
    };

    it("a login finished and its session issued: cut between them, neither is kept, and the retry signs in", async () => {
      await newUser("commit.verify");
      const { stateToken, otp } = await codeFor("commit.verify");
      await s.failBefore("sessions-insert", "sessions");
      const failed = await s.client.http.post("/sso/api/v1/authn/otp/verify", { stateToken, otp });
      await dropTrigger();
      expectFailed(failed);
      const [login] = await s.rows<{ finished: boolean | number }>(
        "SELECT finished FROM logins WHERE user_key = $1",
        ["commit.verify"],
      );
      expect(Boolean(login?.finished)).toBe(false);
      expect(await sessionsOf("commit.verify")).toBe(0);
      expect(await auditOf("commit.verify", "authn.success")).toBe(0);

      const retried = await s.client.http.post("/sso/api/v1/authn/otp/verify", { stateToken, otp });
      expect(answerAt(retried.data, "SUCCESS").session.userId).toBe("commit.verify");
      expect(await sessionsOf("commit.verify")).toBe(1);
      expect(await auditOf("commit.verify", "authn.success")).toBe(1);
    }, 30_000);

    it("a wrong password counted and its audit line: cut between them, the failure is not counted, and the retry counts once", async () => {
      await newUser("commit.failure");
      await s.failBefore("audit-insert-many", "audit", "authn.password");
      const failed = await s.client.http.post("/sso/api/v1/authn", {
        userId: "commit.failure",
        password: "wrong",
      });
      await dropTrigger();
      expectFailed(failed);
      const failures = () =>
        count("SELECT count(*) AS n FROM login_failures WHERE user_key = $1", ["commit.failure"]);
      expect(await failures()).toBe(0);
      expect(await auditOf("commit.failure", "authn.password")).toBe(0);

      const retried = await s.client.http.post("/sso/api/v1/authn", {
        userId: "commit.failure",
        password: "wrong",
      });
      expect(retried.status).toBe(401);
      expect(retried.data.error.code).toBe("INVALID_CREDENTIALS");
      expect(await failures()).toBe(1);
      expect(await auditOf("commit.failure", "authn.password")).toBe(1);
    }, 30_000);

    it("a login stored with its code and its audit lines: cut between them, no login is left, and the retry's code signs in", async () => {
      await newUser("commit.begin");
      await s.failBefore("audit-insert-many", "audit", "authn.otp-sent");
      const failed = await s.client.http.post("/sso/api/v1/authn", { userId: "commit.begin", password });
      await dropTrigger();
      expectFailed(failed);
      expect(await count("SELECT count(*) AS n FROM logins WHERE user_key = $1", ["commit.begin"])).toBe(0);
      expect(await auditOf("commit.begin", "authn.password")).toBe(0);

      const { stateToken, otp } = await codeFor("commit.begin");
      const verified = await s.client.http.post("/sso/api/v1/authn/otp/verify", { stateToken, otp });
      expect(answerAt(verified.data, "SUCCESS").session.userId).toBe("commit.begin");
    }, 30_000);

    /** A DA of CP009 signed in (for the DA admin API), and another DA of CP009 with no address yet. */
    async function daApplying(prefix: string): Promise<{ token: string; other: string }> {
      const da = `${prefix}.da`;
      const other = `${prefix}.other`;
      for (const [userId, withEmail] of [
        [da, true],
        [other, false],
      ] as const) {
        const { email, ...rest } = clusterUser(userId, password);
        const created = await s.client.control.post("/__sim/users", {
          ...rest,
          ...(withEmail ? { email } : {}),
          role: "da",
        });
        expect(created.status, JSON.stringify(created.data)).toBe(201);
      }
      const { stateToken, otp } = await codeFor(da);
      const verified = await s.client.http.post("/sso/api/v1/authn/otp/verify", { stateToken, otp });
      return { token: answerAt(verified.data, "SUCCESS").sessionToken, other };
    }
    const applyFor = (token: string, userId: string, email: string) =>
      s.client.http.put(
        `/sso/api/v1/admin/users/${userId}/email`,
        { email },
        { headers: { authorization: `Bearer ${token}` } },
      );
    const applicationsOf = (userKey: string) =>
      s.rows<{ status: string }>("SELECT status FROM da_email_applications WHERE user_key = $1 ORDER BY id", [
        userKey,
      ]);
    const emailOf = async (userKey: string) =>
      (await s.rows<{ email: string | null }>("SELECT email FROM users WHERE user_key = $1", [userKey]))[0]
        ?.email;

    it("a DA's application and its audit line: cut between them, no application is left, and the retry files one", async () => {
      const { token, other } = await daApplying("commit.apply");
      await s.failBefore("audit-insert-many", "audit", "admin.da-email.apply");
      const failed = await applyFor(token, other, "applied@cp009.example.com");
      await dropTrigger();
      expectFailed(failed);
      expect(await applicationsOf(other)).toEqual([]);
      expect(await auditOf(other, "admin.da-email.apply")).toBe(0);

      const retried = await applyFor(token, other, "applied@cp009.example.com");
      expect(retried.status).toBe(200);
      expect(await applicationsOf(other)).toEqual([{ status: "processing" }]);
      expect(await auditOf(other, "admin.da-email.apply")).toBe(1);
    }, 30_000);

    it("HKEX processing: cut between the application processed and the DA's address, nothing is processed, and the retry processes it once", async () => {
      const { token, other } = await daApplying("commit.process");
      expect((await applyFor(token, other, "processed@cp009.example.com")).status).toBe(200);
      const process = () => s.client.control.post("/__sim/hkex/da-email-applications/process", {});
      await s.failBefore("da-email-set", "audit", "hkex.da-email.processed");
      const failed = await process();
      await dropTrigger();
      expectFailed(failed);
      expect(await applicationsOf(other)).toEqual([{ status: "processing" }]);
      expect(await emailOf(other)).toBeNull();
      expect(await auditOf(other, "hkex.da-email.processed")).toBe(0);
      const controlLines = () =>
        count("SELECT count(*) AS n FROM audit WHERE event = $1", ["control.da-email-process"]);
      expect(await controlLines()).toBe(0);

      const retried = await process();
      expect(retried.status).toBe(200);
      // The application filed by the test before is processed with it.
      expect(retried.data.processed).toContainEqual(
        expect.objectContaining({ userId: other, status: "effective" }),
      );
      expect(await applicationsOf(other)).toEqual([{ status: "effective" }]);
      expect(await emailOf(other)).toBe("processed@cp009.example.com");
      expect(await auditOf(other, "hkex.da-email.processed")).toBe(1);
      expect(await controlLines()).toBe(1);
    }, 30_000);
  });
