import fs from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStorage } from "../../../simulator/store/open-storage.js";
import { postgresMigrations } from "../../../simulator/store/postgres/migrations.js";
import { RowTakenError, type Storage } from "../../../simulator/store/storage.js";
import { skipWhen } from "../../support/skip-when.js";
import { committed, hash, pgMissing, storageHarness, user } from "./storage-harness.js";

/** More of the storage contract on each adapter (control state, rate limits, transactions), and PostgreSQL's migrations with several instances. */
const harness = storageHarness();

const adapters = [
  { kind: "sqlite" as const, unavailable: null },
  { kind: "postgres" as const, unavailable: pgMissing },
];

const line = {
  realAt: 7,
  method: "otp",
  clientAddress: null,
  detail: null,
};

for (const { kind, unavailable } of adapters)
  describe(
    `storage contract: ${kind}: control state, rate limits, transactions`,
    skipWhen(unavailable),
    () => {
      let storage: Storage;
      beforeAll(async () => {
        storage = await harness.open(kind);
      }, 30_000);
      afterAll(async () => {
        await storage?.close();
      });

      it("keeps the control state; a reset clears it but the scenario and the token", async () => {
        await storage.control.claimToken("token-one", false);
        expect(await storage.control.claimToken("token-two", false)).toBe("token-one");
        const changed = await storage.control.update({
          clockOffsetMs: 12_345,
          pinnedPhase: "parallel-run",
          faults: { latencyMs: 5, failRate: 0.5, mailDelayMs: 0, dropMail: true },
          moment: { kind: "custom", at: "2023-06-01T01:00:00.000Z" },
          situation: "locked-account",
          scenario: '{"name":"x"}',
        });
        expect(await storage.control.load()).toEqual(changed);
        const before = changed.generation;
        const after = await storage.control.reset();
        expect(after).toMatchObject({
          clockOffsetMs: 0,
          pinnedPhase: null,
          faults: { latencyMs: 0, failRate: 0, mailDelayMs: 0, dropMail: false },
          moment: null,
          situation: null,
          scenario: '{"name":"x"}',
          controlToken: "token-one",
          generation: before + 1,
        });
        expect(after.revision).toBeGreaterThan(changed.revision);
        expect(await storage.control.claimToken("token-three", true)).toBe("token-three");
      });

      it("shares the per-address rate limit (PostgreSQL) or leaves it to the process (SQLite)", async () => {
        if (kind === "sqlite") {
          expect(storage.rateLimits).toBeNull();
          return;
        }
        const limits = storage.rateLimits;
        if (limits === null) throw new Error("PostgreSQL must count rate limits");
        const counts = await Promise.all([1, 2, 3].map(() => limits.hit("route 127.0.0.1", 60_000, 1_000)));
        expect(counts.map((c) => c.count).sort()).toEqual([1, 2, 3]);
        expect(await limits.hit("route 127.0.0.1", 60_000, 61_000)).toEqual({ count: 1, resetAt: 121_000 });
      });

      it("commits a transaction's writes together, its audit lines with them", async () => {
        const issued = await storage.transaction(async (tx) => {
          await tx.logins.create({
            tokenHash: hash("tx-login"),
            userKey: "kim",
            state: "OTP_REQUIRED",
            factors: ["otp"],
            createdAt: 1_000,
            expiresAt: 901_000,
          });
          const login = await tx.logins.find(hash("tx-login"));
          expect(await tx.logins.finish(login?.id ?? -1, "SUCCESS")).toBe(true);
          await tx.sessions.create(hash("tx-session"), "kim", "otp", 2_000, 8 * 3600_000);
          tx.audit.append({ ...line, at: 7, userId: "kim", outcome: "success", event: "authn.success" });
          // Read back inside the transaction: its own writes are there.
          return (await tx.sessions.find(hash("tx-session")))?.userKey;
        });
        expect(issued).toBe("kim");
        expect(await committed(storage)).toBeNull();
        expect(await storage.logins.find(hash("tx-login"))).toMatchObject({
          finished: true,
          state: "SUCCESS",
        });
        expect(await storage.sessions.find(hash("tx-session"))).toMatchObject({ userKey: "kim" });
        expect((await storage.audit.list({ userId: "kim" }, 10)).map((e) => e.event)).toEqual([
          "authn.success",
        ]);
      });

      it("ends a login in one transaction of several racing to: the others keep nothing and say the login was taken", async () => {
        const otpHash = hash("race-code");
        await storage.logins.create({
          tokenHash: hash("race-login"),
          userKey: "ray",
          state: "OTP_REQUIRED",
          factors: ["otp"],
          createdAt: 1_000,
          expiresAt: 901_000,
          otp: { otpHash, otpExpiresAt: 301_000, otpSentAt: 1_000 },
        });
        const id = (await storage.logins.find(hash("race-login")))?.id ?? -1;
        // A code that is not the login's live one ends nothing, and aborts its transaction.
        const wrongCode = storage.transaction(async (tx) => {
          await tx.logins.finishOrAbort(id, "SUCCESS", hash("another code"));
          await tx.sessions.create(hash("race-wrong"), "ray", "otp", 2_000, 8 * 3600_000);
        });
        await expect(wrongCode).rejects.toBeInstanceOf(RowTakenError);
        const outcomes = await Promise.allSettled(
          [1, 2, 3, 4].map((n) =>
            storage.transaction(async (tx) => {
              await tx.logins.finishOrAbort(id, "SUCCESS", otpHash);
              await tx.sessions.create(hash(`race-session-${n}`), "ray", "otp", 2_000, 8 * 3600_000);
              tx.audit.append({ ...line, at: 9, userId: "ray", outcome: `${n}`, event: "authn.success" });
              return n;
            }),
          ),
        );
        const won = outcomes.filter((o) => o.status === "fulfilled");
        expect(won).toHaveLength(1);
        for (const lost of outcomes.filter((o) => o.status === "rejected"))
          expect(lost.reason).toBeInstanceOf(RowTakenError);
        expect(await committed(storage)).toBeNull();
        const sessions = await Promise.all(
          ["wrong", 1, 2, 3, 4].map((n) => storage.sessions.find(hash(`race-session-${n}`))),
        );
        expect(sessions.filter((found) => found !== undefined)).toHaveLength(1);
        expect(await storage.sessions.find(hash("race-wrong"))).toBeUndefined();
        const winner = won[0]?.status === "fulfilled" ? won[0].value : null;
        expect((await storage.audit.list({ userId: "ray" }, 10)).map((e) => e.outcome)).toEqual([
          `${winner}`,
        ]);
        expect(await storage.logins.find(hash("race-login"))).toMatchObject({
          finished: true,
          otpHash: null,
        });
        // Without a code: only a login not yet finished.
        await expect(storage.logins.finishOrAbort(id, "EXPIRED")).rejects.toBeInstanceOf(RowTakenError);
      });

      it("keeps nothing of a transaction that throws, whatever it wrote before", async () => {
        const work = storage.transaction(async (tx) => {
          await tx.lockouts.recordFailure("lee", 1_000, { windowMs: 60_000, threshold: 5, lockMs: 1_000 });
          await tx.sessions.create(hash("tx-thrown"), "lee", "otp", 2_000, 8 * 3600_000);
          tx.audit.append({
            ...line,
            at: 8,
            userId: "lee",
            outcome: "x",
            method: "password",
            event: "authn.password",
          });
          await tx.outbox.record({
            to: "lee@example.com",
            userId: "lee",
            subject: "s",
            text: "t",
            html: null,
            otp: null,
            sentAt: 1,
            status: "delivered",
            error: null,
          });
          throw new Error("decided against it");
        });
        await expect(work).rejects.toThrow("decided against it");
        expect(await committed(storage)).toBeNull();
        expect(await storage.sessions.find(hash("tx-thrown"))).toBeUndefined();
        expect(await storage.audit.list({ userId: "lee" }, 10)).toEqual([]);
        expect(await storage.outbox.forUser("lee")).toEqual([]);
        // The failure was not counted: four more lock at the fifth.
        const rule = { windowMs: 60_000, threshold: 5, lockMs: 1_000 };
        const outcomes = [];
        for (let i = 0; i < 5; i += 1)
          outcomes.push((await storage.lockouts.recordFailure("lee", 2_000 + i, rule)).kind);
        expect(outcomes).toEqual(["counted", "counted", "counted", "counted", "locked"]);
      });

      const application = (userKey: string, email: string, submittedAt: number) => ({
        participant: "CP001",
        userKey,
        userId: userKey,
        displayName: `Name of ${userKey}`,
        email,
        submittedBy: "da.filer",
        submittedAt,
        dueAt: submittedAt + 1_000,
        late: false,
      });
      const daLine = (userId: string, event: string) => ({
        ...line,
        at: 9,
        userId,
        method: "admin",
        outcome: "submitted",
        event,
      });

      it("keeps nothing of a DA's application and its audit line when the transaction throws", async () => {
        const pending = await storage.daEmail.submit(application("da.kept", "kept@example.com", 100));
        const work = storage.transaction(async (tx) => {
          // It would supersede the pending one; its audit line goes with it.
          await tx.daEmail.submit(application("da.kept", "thrown@example.com", 200));
          tx.audit.append(daLine("da.kept", "admin.da-email.apply"));
          expect(await tx.daEmail.list({ userKey: "da.kept" })).toHaveLength(2);
          throw new Error("decided against it");
        });
        await expect(work).rejects.toThrow("decided against it");
        expect(await committed(storage)).toBeNull();
        expect(await storage.daEmail.list({ userKey: "da.kept" })).toEqual([pending]);
        expect(await storage.audit.list({ userId: "da.kept" }, 10)).toEqual([]);
      });

      it("processes DAs' applications all or nothing: the status, the DA's address and the audit line", async () => {
        await storage.users.create({ ...user("da.processed"), role: "da", email: "old@example.com" });
        const filed = await storage.daEmail.submit(application("da.processed", "new@example.com", 300));
        const work = storage.transaction(async (tx) => {
          const processed = await tx.daEmail.process(Number.MAX_SAFE_INTEGER, 400);
          const mine = processed.find((p) => p.application.userKey === "da.processed");
          expect(mine?.previousEmail).toBe("old@example.com");
          tx.audit.append(daLine("da.processed", "hkex.da-email.processed"));
          throw new Error("the database went away");
        });
        await expect(work).rejects.toThrow("the database went away");
        expect(await committed(storage)).toBeNull();
        expect(await storage.daEmail.list({ userKey: "da.processed" })).toEqual([filed]);
        expect((await storage.users.find("da.processed"))?.email).toBe("old@example.com");
        expect(await storage.audit.list({ userId: "da.processed" }, 10)).toEqual([]);

        // Done again, it is all there.
        await storage.transaction(async (tx) => {
          await tx.daEmail.process(Number.MAX_SAFE_INTEGER, 500);
          tx.audit.append(daLine("da.processed", "hkex.da-email.processed"));
        });
        expect(await committed(storage)).toBeNull();
        expect(await storage.daEmail.list({ userKey: "da.processed" })).toEqual([
          { ...filed, status: "effective", processedAt: 500 },
        ]);
        expect((await storage.users.find("da.processed"))?.email).toBe("new@example.com");
        expect((await storage.audit.list({ userId: "da.processed" }, 10)).map((e) => e.event)).toEqual([
          "hkex.da-email.processed",
        ]);
      });

      it("forgets nothing of a trainee when a start over's transaction throws", async () => {
        storage.audit.append({ ...line, at: 10, userId: "trainee", outcome: "x", event: "authn.password" });
        expect(await committed(storage)).toBeNull();
        const work = storage.transaction(async (tx) => {
          await tx.room.forget("trainee");
          throw new Error("decided against it");
        });
        await expect(work).rejects.toThrow("decided against it");
        expect((await storage.audit.list({ userId: "trainee" }, 10)).map((e) => e.event)).toEqual([
          "authn.password",
        ]);
        await storage.transaction((tx) => tx.room.forget("trainee"));
        expect(await storage.audit.list({ userId: "trainee" }, 10)).toEqual([]);
      });
    },
  );

describe("PostgreSQL migrations", skipWhen(pgMissing), () => {
  it("wait for another instance's migration longer than a request waits for the database", async () => {
    const url = await harness.cluster().createDatabase("migrate_wait");
    const dir = harness.tempDir();
    // Another instance migrating: it holds the migration lock ("CCMS") for 4 s.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    await other.query("SELECT pg_advisory_lock($1)", [0x43434d53]);
    const started = Date.now();
    const released = new Promise((resolve) => setTimeout(resolve, 4000)).then(() =>
      other.query("SELECT pg_advisory_unlock($1)", [0x43434d53]),
    );
    const opening = openStorage(dir, {
      url,
      timeouts: { connectMs: 1000, queryMs: 1500, statementMs: 1000 },
    });
    try {
      const storage = await opening;
      expect(Date.now() - started).toBeGreaterThanOrEqual(3900);
      expect((await storage.ready()).schemaVersion).toBeGreaterThan(0);
      await storage.close();
    } finally {
      await released;
      await other.end();
    }
  }, 30_000);

  it("run once when several instances start on an empty database at the same moment", async () => {
    const cluster = harness.cluster();
    const url = await cluster.createDatabase("migrate_race");
    // The server logs every schema statement run on this database: each migration's, as often as it runs.
    const admin = new pg.Client({ connectionString: cluster.urlOf("postgres") });
    await admin.connect();
    try {
      await admin.query("ALTER DATABASE migrate_race SET log_statement = 'ddl'");
    } finally {
      await admin.end();
    }
    const dir = harness.tempDir();
    const opened = await Promise.all([1, 2, 3, 4].map(() => openStorage(dir, { url })));
    try {
      const versions = await Promise.all(opened.map((s) => s.ready()));
      expect(versions.map((v) => v.schemaVersion)).toEqual([1, 2, 3, 4].map(() => postgresMigrations.length));
      // The log puts a tab after each line break of a statement.
      const log = fs.readFileSync(cluster.logFile, "utf8").replaceAll("\n\t", "\n");
      const runs = postgresMigrations.map((sql) => log.split(sql.trim()).length - 1);
      expect(runs).toEqual(postgresMigrations.map(() => 1));
      const recorded = await recordedVersions(url);
      expect(recorded).toEqual(postgresMigrations.map((_, index) => index + 1));
    } finally {
      await Promise.all(opened.map((s) => s.close()));
    }
  }, 30_000);
});

/** Every version schema_migrations holds, in order (each once, or the table refuses it). */
async function recordedVersions(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: number }>(
      "SELECT version FROM schema_migrations ORDER BY version",
    );
    return rows.map((row) => row.version);
  } finally {
    await client.end();
  }
}
