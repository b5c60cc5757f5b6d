import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresMigrations } from "../../../simulator/store/postgres/migrations.js";
import { migrations as sqliteMigrations } from "../../../simulator/store/sqlite/migrations.js";
import { type Storage } from "../../../simulator/store/storage.js";
import { skipWhen } from "../../support/skip-when.js";
import { committed, hash, pgMissing, storageHarness, user } from "./storage-harness.js";

/** The same contract, run against each adapter: SQLite in a temporary folder, PostgreSQL in a temporary cluster. */
const harness = storageHarness();

const adapters = [
  { kind: "sqlite" as const, unavailable: null },
  { kind: "postgres" as const, unavailable: pgMissing },
];

for (const { kind, unavailable } of adapters)
  describe(`storage contract: ${kind}`, skipWhen(unavailable), () => {
    let storage: Storage;
    beforeAll(async () => {
      storage = await harness.open(kind);
    }, 30_000);
    afterAll(async () => {
      await storage?.close();
    });

    it("is ready at the schema version it migrated to", async () => {
      const latest = kind === "sqlite" ? sqliteMigrations.length : postgresMigrations.length;
      const { schemaVersion } = await storage.ready();
      expect(schemaVersion).toBe(latest);
      expect(await harness.recordedVersion(storage)).toBe(latest);
      expect(storage.kind).toBe(kind);
    });

    it("stores users by normalized ID, once, with their password history", async () => {
      expect(await storage.users.create(user("Alice.One"))).toBe(true);
      expect(await storage.users.create(user("alice.one"))).toBe(false);
      await storage.users.create(user("bob.two", "CP002"));
      const alice = await storage.users.find("ALICE.ONE");
      expect(alice).toMatchObject({
        userKey: "alice.one",
        userId: "Alice.One",
        hasSmartcard: true,
        createdAt: 1_000,
      });
      expect((await storage.users.listByParticipant("CP002")).map((u) => u.userKey)).toEqual(["bob.two"]);
      await storage.users.changePassword("alice.one", "hash-2", 2_000);
      await storage.users.setEmail("alice.one", null);
      const changed = await storage.users.find("alice.one");
      expect(changed).toMatchObject({ passwordHash: "hash-2", passwordChangedAt: 2_000, email: null });
      expect(await storage.users.passwordHistory("alice.one", 5)).toEqual(["hash-2", "hash-1"]);
    });

    it("counts failures to a lock, then meets the lock; unlock clears both", async () => {
      const rule = { windowMs: 60_000, threshold: 3, lockMs: 10_000 };
      expect(await storage.lockouts.recordFailure("carol", 100, rule)).toEqual({ kind: "counted" });
      expect(await storage.lockouts.recordFailure("carol", 200, rule)).toEqual({ kind: "counted" });
      expect(await storage.lockouts.recordFailure("carol", 300, rule)).toEqual({
        kind: "locked",
        until: 10_300,
      });
      expect(await storage.lockouts.recordFailure("carol", 400, rule)).toEqual({
        kind: "already-locked",
        until: 10_300,
      });
      expect(await storage.lockouts.lockedUntil("carol", 500)).toBe(10_300);
      expect(await storage.lockouts.lockedUntil("carol", 10_300)).toBeNull();
      expect(await storage.lockouts.admit("carol", 500)).toBe(10_300);
      await storage.lockouts.unlock("carol");
      expect(await storage.lockouts.lockedUntil("carol", 500)).toBeNull();
      // A right password clears the failures counted so far: two more do not lock.
      await storage.lockouts.recordFailure("carol", 600, rule);
      await storage.lockouts.recordFailure("carol", 700, rule);
      expect(await storage.lockouts.admit("carol", 800)).toBeNull();
      expect(await storage.lockouts.recordFailure("carol", 900, rule)).toEqual({ kind: "counted" });
    });

    it("locks exactly once when many failures arrive at the same moment", async () => {
      const rule = { windowMs: 60_000, threshold: 5, lockMs: 10_000 };
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, () => storage.lockouts.recordFailure("dave", 1_000, rule)),
      );
      expect(outcomes.filter((o) => o.kind === "locked")).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === "counted")).toHaveLength(4);
      expect(outcomes.filter((o) => o.kind === "already-locked")).toHaveLength(3);
    });

    it("keeps a login's steps: one send at a time, wrong codes counted to void, finished once", async () => {
      const stored = await storage.logins.create({
        tokenHash: hash("state-1"),
        userKey: "alice.one",
        state: "METHOD_CHOICE",
        factors: ["otp", "smartcard"],
        createdAt: 1_000,
        expiresAt: 901_000,
      });
      const created = await storage.logins.find(hash("state-1"));
      if (created === undefined) throw new Error("the login was not stored");
      expect(created).toEqual({ ...stored, id: expect.any(Number) });
      // With its user, in one read (the user alice.one was stored by the first test).
      expect(await storage.logins.findWithUser(hash("state-1"))).toEqual({
        login: created,
        user: await storage.users.find("alice.one"),
      });
      expect(await storage.logins.findWithUser(hash("no such state"))).toBeUndefined();
      const claims = await Promise.all([1, 2, 3].map(() => storage.logins.claimSend(created.id, 5_000, 0)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      // A claim older than the stale mark is taken over.
      expect(await storage.logins.claimSend(created.id, 9_000, 6_000)).toBe(true);
      const otpHash = hash("code-1");
      await storage.logins.setOtp(created.id, { otpHash, otpExpiresAt: 301_000, otpSentAt: 2_000 }, true);
      const withCode = await storage.logins.find(hash("state-1"));
      expect(withCode).toMatchObject({ state: "OTP_REQUIRED", resendsUsed: 1, otpSendingSince: null });
      expect(withCode?.otpHash?.equals(otpHash)).toBe(true);
      expect(await storage.logins.recordWrongOtp(created.id, hash("other code"), 2)).toBeNull();
      expect(await storage.logins.recordWrongOtp(created.id, otpHash, 2)).toEqual({
        attempts: 1,
        void: false,
      });
      expect(await storage.logins.recordWrongOtp(created.id, otpHash, 2)).toEqual({
        attempts: 2,
        void: true,
      });
      expect(await storage.logins.finish(created.id, "SUCCESS", otpHash)).toBe(false);
      await storage.logins.setOtp(created.id, { otpHash, otpExpiresAt: 301_000, otpSentAt: 3_000 }, false);
      const finishes = await Promise.all(
        [1, 2, 3, 4].map(() => storage.logins.finish(created.id, "SUCCESS", otpHash)),
      );
      expect(finishes.filter(Boolean)).toHaveLength(1);
      expect(await storage.logins.finish(created.id, "EXPIRED")).toBe(false);
      expect(await storage.logins.find(hash("state-1"))).toMatchObject({
        finished: true,
        state: "SUCCESS",
        otpHash: null,
      });
      await storage.logins.prune(901_001);
      expect(await storage.logins.find(hash("state-1"))).toBeUndefined();
    });

    it("keeps sessions: touched, revoked with the reason, only the live ones", async () => {
      await storage.sessions.create(hash("session-1"), "alice.one", "otp", 10_000, 8 * 3600_000);
      await storage.sessions.touch(hash("session-1"), 20_000);
      expect(await storage.sessions.find(hash("session-1"))).toEqual({
        userKey: "alice.one",
        authMethod: "otp",
        issuedAt: 10_000,
        lastSeenAt: 20_000,
        absoluteExpiresAt: 10_000 + 8 * 3600_000,
        revokedAt: null,
        endReason: null,
      });
      // One idle past its limit at 30 000 keeps ending by the clock: it is not counted, nor given the reason.
      await storage.sessions.create(hash("session-idle"), "alice.one", "otp", 1_000, 8 * 3600_000);
      const idleMs = 15_000;
      expect(await storage.sessions.revokeAllOf("alice.one", 30_000, idleMs, "signed-out-elsewhere")).toBe(1);
      expect(await storage.sessions.find(hash("session-1"))).toMatchObject({
        revokedAt: 30_000,
        endReason: "signed-out-elsewhere",
      });
      expect(await storage.sessions.find(hash("session-idle"))).toMatchObject({ revokedAt: null });
      expect(await storage.sessions.revokeAllOf("alice.one", 31_000, idleMs, "account-locked")).toBe(0);
      await storage.sessions.create(hash("session-2"), "alice.one", "smartcard", 40_000, 8 * 3600_000);
      await storage.sessions.revoke(hash("session-2"), 41_000, "signed-out");
      await storage.sessions.revoke(hash("session-2"), 42_000, "account-locked");
      expect(await storage.sessions.find(hash("session-2"))).toMatchObject({
        revokedAt: 41_000,
        endReason: "signed-out",
      });
    });

    it("ends every session for a reset: the ended ones forgotten, the live ones kept with the reason", async () => {
      const idleMs = 15_000;
      await storage.sessions.create(hash("reset-live"), "gina", "otp", 100_000, 8 * 3600_000);
      await storage.sessions.create(hash("reset-idle"), "gina", "otp", 50_000, 8 * 3600_000);
      await storage.sessions.create(hash("reset-out"), "gina", "otp", 100_000, 8 * 3600_000);
      await storage.sessions.revoke(hash("reset-out"), 101_000, "signed-out");
      await storage.sessions.endAll(110_000, idleMs, "simulator-reset");
      expect(await storage.sessions.find(hash("reset-live"))).toMatchObject({
        revokedAt: 110_000,
        endReason: "simulator-reset",
      });
      expect(await storage.sessions.find(hash("reset-idle"))).toBeUndefined();
      expect(await storage.sessions.find(hash("reset-out"))).toBeUndefined();
      // Clearing the rest leaves the session, so that its holder learns why it ended.
      await storage.clear({ keepAudit: true });
      expect(await storage.sessions.find(hash("reset-live"))).toMatchObject({ endReason: "simulator-reset" });
    });

    it("locks an account until it is unlocked, whatever its failures", async () => {
      const rule = { windowMs: 60_000, threshold: 3, lockMs: 10_000 };
      await storage.lockouts.lock("erin", Number.MAX_SAFE_INTEGER);
      expect(await storage.lockouts.lockedUntil("erin", 1_000_000)).toBe(Number.MAX_SAFE_INTEGER);
      expect(await storage.lockouts.recordFailure("erin", 1_000, rule)).toEqual({
        kind: "already-locked",
        until: Number.MAX_SAFE_INTEGER,
      });
      expect(await storage.lockouts.admit("erin", 2_000)).toBe(Number.MAX_SAFE_INTEGER);
      await storage.lockouts.unlock("erin");
      expect(await storage.lockouts.lockedUntil("erin", 3_000)).toBeNull();
    });

    it("keeps the mailbox, oldest first, by address in any case or by user", async () => {
      for (const [i, otp] of ["111111", "222222", "333333"].entries()) {
        await storage.outbox.record({
          to: "Alice.One@Example.com",
          userId: "alice.one",
          subject: `Code ${i}`,
          text: `Your code is ${otp}`,
          html: i === 0 ? null : "<p>code</p>",
          otp,
          sentAt: 1_000 + i,
          status: "delivered",
          error: null,
        });
      }
      expect((await storage.outbox.forAddress(" alice.one@example.com ")).map((m) => m.otp)).toEqual([
        "111111",
        "222222",
        "333333",
      ]);
      const latest = await storage.outbox.forUser("alice.one", 2);
      expect(latest.map((m) => m.otp)).toEqual(["222222", "333333"]);
      expect(latest[0]).toMatchObject({ html: "<p>code</p>", status: "delivered" });
      expect((await storage.outbox.forAddress("alice.one@example.com"))[0]?.html).toBeUndefined();
    });

    it("writes the audit log before answers leave, and lists it by user and event", async () => {
      const base = {
        method: "password",
        outcome: "done",
        clientAddress: "127.0.0.1",
        detail: null,
        realAt: 5,
      };
      storage.audit.append({ ...base, at: 1, userId: "alice.one", event: "authn.password" });
      storage.audit.append({ ...base, at: 2, userId: "bob.two", event: "authn.password" });
      storage.audit.append({ ...base, at: 3, userId: "alice.one", event: "authn.success" });
      expect(await committed(storage)).toBeNull();
      const alice = await storage.audit.list({ userId: "alice.one" }, 10);
      expect(alice.map((e) => e.event)).toEqual(["authn.password", "authn.success"]);
      expect((await storage.audit.list({ event: "authn.password" }, 1)).map((e) => e.userId)).toEqual([
        "bob.two",
      ]);
      expect(alice[0]).toMatchObject({ at: new Date(1).toISOString(), realAt: new Date(5).toISOString() });
    });

    it("reads a user's sign-ins and failed attempts from the audit log", async () => {
      const line = (at: number, event: string, method: string, outcome: string) =>
        storage.audit.append({
          at,
          realAt: at,
          userId: "frank",
          event,
          method,
          outcome,
          clientAddress: null,
          detail: null,
        });
      line(10, "authn.password", "password", "failure");
      line(20, "authn.success", "otp", "success");
      line(30, "authn.otp", "otp", "failure-void");
      line(35, "authn.password", "password", "success");
      line(40, "session.reauthenticate", "password", "failure");
      line(50, "authn.password", "password", "locked-out");
      line(60, "authn.success", "smartcard", "success");
      expect(await committed(storage)).toBeNull();
      expect(await storage.audit.lastSignIn("frank", 25)).toEqual({ at: 20, method: "otp" });
      expect(await storage.audit.lastSignIn("frank", 20)).toBeNull();
      expect(await storage.audit.lastSignIn("frank", 61)).toEqual({ at: 60, method: "smartcard" });
      expect(await storage.audit.failuresSince("frank", 20)).toEqual({ count: 3, lastAt: 50 });
      expect(await storage.audit.failuresSince("frank", -1)).toEqual({ count: 4, lastAt: 50 });
      expect(await storage.audit.failuresSince("frank", 60)).toEqual({ count: 0, lastAt: null });
    });

    it("keeps PCs' results: each PC's latest by name in any case, counted; the same check once", async () => {
      const result = (pcName: string, startedAt: number, status: "pass" | "fail", participant = "CP060") => ({
        participant,
        pcName,
        status,
        startedAt,
        failingStep: status === "fail" ? ("tls" as const) : null,
        target: "https://sso.example.com/sso",
        source: "upload" as const,
        fileName: `${pcName}.json`,
        submittedBy: "cp060.da",
        submittedAt: startedAt + 5_000,
        report: "{}",
      });
      // The same report sent four times at once is stored once.
      const added = await Promise.all(
        [1, 2, 3, 4].map(() => storage.readiness.addPcResult(result("PC-01", 10_000, "fail"), 999)),
      );
      expect(added.filter(Boolean)).toHaveLength(1);
      expect(await storage.readiness.addPcResult(result("pc-01", 10_500, "pass"), 999)).toBe(false);
      expect(await storage.readiness.addPcResult(result("pc-01", 20_000, "pass"), 999)).toBe(true);
      expect(await storage.readiness.addPcResult(result("PC-02", 15_000, "fail"), 999)).toBe(true);
      expect(await storage.readiness.addPcResult(result("PC-01", 99_000, "pass", "CP061"), 999)).toBe(true);
      expect(await storage.readiness.countPcResults("CP060")).toBe(3);
      const latest = (pcName: string, startedAt: number, status: "pass" | "fail", resultCount: number) => {
        const { report: _report, ...shown } = result(pcName, startedAt, status);
        return { ...shown, resultCount };
      };
      expect(await storage.readiness.latestPcResults("CP060")).toEqual([
        latest("pc-01", 20_000, "pass", 2),
        latest("PC-02", 15_000, "fail", 1),
      ]);
    });

    it("reads a participant's users for the board: email, card, lock, 2FA sign-ins, failures since", async () => {
      await storage.users.create({ ...user("hana.da", "CP070"), role: "da" });
      await storage.users.create({ ...user("ivan.user", "CP070"), email: null, hasSmartcard: false });
      await storage.users.create(user("jo.other", "CP071"));
      await storage.lockouts.lock("ivan.user", 900_000);
      const line = (userId: string, at: number, event: string, method: string, outcome: string) =>
        storage.audit.append({
          at,
          realAt: at,
          userId,
          event,
          method,
          outcome,
          clientAddress: null,
          detail: null,
        });
      line("hana.da", 100, "authn.success", "smartcard", "success");
      line("hana.da", 200, "authn.success", "otp", "success");
      line("hana.da", 300, "authn.success", "otp", "success");
      line("hana.da", 400, "authn.otp", "otp", "failure");
      line("ivan.user", 150, "authn.password", "password", "failure");
      line("jo.other", 100, "authn.success", "otp", "success");
      expect(await committed(storage)).toBeNull();
      expect(await storage.readiness.boardUsers("CP070", 500)).toEqual([
        {
          userId: "hana.da",
          displayName: "Name of hana.da",
          role: "da",
          email: "hana.da@example.com",
          hasSmartcard: true,
          lockedUntil: null,
          first2faAt: 200,
          last2faAt: 300,
          lastSignIn: { at: 300, method: "otp" },
          failuresSinceLastSignIn: 1,
        },
        {
          userId: "ivan.user",
          displayName: "Name of ivan.user",
          role: "user",
          email: null,
          hasSmartcard: false,
          lockedUntil: 900_000,
          first2faAt: null,
          last2faAt: null,
          lastSignIn: null,
          failuresSinceLastSignIn: 1,
        },
      ]);
      // A lock that ended by `now` is not shown.
      expect((await storage.readiness.boardUsers("CP070", 900_000))[1]?.lockedUntil).toBeNull();
    });

    it("gives a smartcard challenge once", async () => {
      await storage.challenges.put(hash("login-a"), hash("nonce-a"), 5_000);
      const takes = await Promise.all([1, 2].map(() => storage.challenges.take(hash("login-a"))));
      expect(takes.filter((t) => t !== undefined)).toEqual([{ nonce: hash("nonce-a"), expiresAt: 5_000 }]);
    });

    it("makes a meta value once: the first one asked for stays", async () => {
      expect(await storage.meta.getOrCreate("secret", () => "first")).toBe("first");
      expect(await storage.meta.getOrCreate("secret", () => "second")).toBe("first");
    });

    it("empties everything but the audit log when asked to keep it", async () => {
      await storage.clear({ keepAudit: true });
      expect(await storage.users.list()).toEqual([]);
      expect(await storage.outbox.forUser("alice.one")).toEqual([]);
      expect((await storage.audit.list({}, 10)).length).toBeGreaterThan(0);
      expect(await storage.readiness.countPcResults("CP060")).toBe(0);
      await storage.clear();
      expect(await storage.audit.list({}, 10)).toEqual([]);
      expect(await storage.meta.getOrCreate("secret", () => "new")).toBe("first");
    });
  });
