import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStorage } from "../../../simulator/store/open-storage.js";
import { type AuditRow, type Storage, type UserRecord } from "../../../simulator/store/storage.js";
import { type PgCluster, postgresUnavailable, startPostgres } from "../../support/postgres-cluster.js";
import { skipWhen } from "../../support/skip-when.js";

/**
 * DAs' email applications and the trainer's view of the room, the same contract on each adapter:
 * SQLite in a temporary folder, PostgreSQL in a temporary cluster.
 */
const pgMissing = postgresUnavailable();

let cluster: PgCluster | undefined;
const dirs: string[] = [];
let databases = 0;

beforeAll(async () => {
  if (pgMissing === null) cluster = await startPostgres();
}, 60_000);

afterAll(() => {
  cluster?.remove();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function open(kind: "sqlite" | "postgres"): Promise<Storage> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-storage-"));
  dirs.push(dir);
  if (kind === "sqlite") return openStorage(dir, undefined);
  if (cluster === undefined) throw new Error("no PostgreSQL cluster");
  return openStorage(dir, { url: await cluster.createDatabase(`da_room_${++databases}`) });
}

const committed = (storage: Storage) =>
  new Promise<Error | null>((resolve) => storage.commits.afterCommit(resolve));
const hash = (text: string) => crypto.createHash("sha256").update(text).digest();

function user(userId: string, role: "user" | "da", email: string | null): Omit<UserRecord, "userKey"> {
  return {
    userId,
    displayName: `Name of ${userId}`,
    role,
    participant: "CP001",
    participantName: "Demo Securities Limited",
    clearingHouse: "HKSCC",
    email,
    hasSmartcard: true,
    createdAt: 1_000,
    passwordHash: "hash-1",
    passwordChangedAt: 1_000,
    passwordExpired: false,
  };
}

const application = (userKey: string, email: string, submittedAt: number, dueAt: number) => ({
  participant: "CP001",
  userKey,
  userId: userKey,
  displayName: `Name of ${userKey}`,
  email,
  submittedBy: "da.one",
  submittedAt,
  dueAt,
  late: false,
});

const line = (at: number, userId: string, event: string, more: Partial<AuditRow> = {}): AuditRow => ({
  at,
  realAt: at + 1,
  userId,
  event,
  method: "password",
  outcome: "success",
  clientAddress: "10.0.0.1",
  detail: null,
  ...more,
});

const adapters = [
  { kind: "sqlite" as const, unavailable: null },
  { kind: "postgres" as const, unavailable: pgMissing },
];

for (const { kind, unavailable } of adapters)
  describe(`DA email and room storage: ${kind}`, skipWhen(unavailable), () => {
    let storage: Storage;
    beforeAll(async () => {
      storage = await open(kind);
      await storage.users.create(user("da.one", "da", "one@example.com"));
      await storage.users.create(user("da.two", "da", null));
      await storage.users.create(user("plain.user", "user", "plain@example.com"));
    }, 30_000);
    afterAll(async () => {
      await storage?.close();
    });

    it("files applications, a new one superseding the DA's pending one", async () => {
      const first = await storage.daEmail.submit(application("da.two", "a@example.com", 100, 1_000));
      expect(first).toMatchObject({ status: "processing", processedAt: null, dueAt: 1_000, late: false });
      const second = await storage.daEmail.submit({
        ...application("da.two", "b@example.com", 200, 2_000),
        late: true,
      });
      expect(await storage.daEmail.list({ userKey: "da.two" })).toEqual([
        { ...first, status: "superseded", processedAt: 200 },
        second,
      ]);
      expect(second).toMatchObject({ late: true });
      expect(await storage.daEmail.list({ status: "processing", participant: "CP001" })).toEqual([second]);
      expect(await storage.daEmail.list({ participant: "CP999" })).toEqual([]);
    });

    it("processes what is due once, however many ask at once, and sets the DA's address", async () => {
      expect(await storage.daEmail.anyDue(1_999)).toBe(false);
      expect(await storage.daEmail.process(1_999, 1_999)).toEqual([]);
      expect(await storage.daEmail.anyDue(2_000)).toBe(true);
      const racing = await Promise.all([1, 2, 3].map(() => storage.daEmail.process(5_000, 5_000)));
      const processed = racing.flat();
      expect(processed).toEqual([
        {
          application: expect.objectContaining({
            userKey: "da.two",
            status: "effective",
            processedAt: 2_000,
          }),
          previousEmail: null,
        },
      ]);
      expect((await storage.users.find("da.two"))?.email).toBe("b@example.com");
      // Processed at once (ahead of its due time): processed now, the old address reported.
      await storage.daEmail.submit(application("da.two", "c@example.com", 6_000, 90_000));
      const early = await storage.daEmail.process(Number.MAX_SAFE_INTEGER, 7_000);
      expect(early).toEqual([
        { application: expect.objectContaining({ processedAt: 7_000 }), previousEmail: "b@example.com" },
      ]);
      expect((await storage.users.find("da.two"))?.email).toBe("c@example.com");
    });

    it("lists the room: who tried since a mark, their lock, session and step", async () => {
      const base = { tokenHash: hash("login-1"), factors: ["otp" as const], createdAt: 10_000 };
      storage.audit.append(line(9_000, "plain.user", "authn.password", { outcome: "failure" }));
      expect(await committed(storage)).toBeNull();
      const mark = (await storage.audit.list({}, 1))[0]?.id ?? 0;
      expect(await storage.room.trainees(mark, 20_000, 60_000)).toEqual([]);
      storage.audit.append(line(10_000, "plain.user", "authn.password"));
      storage.audit.append(line(10_500, "plain.user", "control.user-unlock", { method: "control" }));
      storage.audit.append(line(11_000, "da.one", "authn.password"));
      storage.audit.append(line(11_500, "nobody.known", "authn.password", { outcome: "failure" }));
      storage.audit.append(line(12_000, "da.one", "authn.success", { method: "otp" }));
      expect(await committed(storage)).toBeNull();
      await storage.logins.create({
        ...base,
        userKey: "plain.user",
        state: "OTP_REQUIRED",
        expiresAt: 900_000,
      });
      await storage.sessions.create(hash("session-da"), "da.one", "otp", 12_000, 8 * 3600_000);
      await storage.lockouts.lock("plain.user", 50_000);
      const room = await storage.room.trainees(mark, 20_000, 60_000);
      expect(room).toEqual([
        expect.objectContaining({
          userKey: "da.one",
          role: "da",
          signedIn: true,
          loginState: null,
          lockedUntil: null,
          lastAt: 12_000,
          lastRealAt: 12_001,
          ownEvents: 2,
        }),
        expect.objectContaining({
          userKey: "plain.user",
          signedIn: false,
          loginState: "OTP_REQUIRED",
          lockedUntil: 50_000,
          // The trainer's unlock is not the trainee's activity, nor one of their own events.
          lastAt: 10_000,
          ownEvents: 2,
        }),
      ]);
      const [daOne, plainUser] = room;
      expect(plainUser?.lastId).toBeGreaterThan(mark);
      expect(daOne?.lastId).toBeGreaterThan(plainUser?.lastId ?? Infinity);
      // Later: the session idle past its limit, the lock over, the sign-in expired.
      expect(await storage.room.trainees(mark, 950_000, 60_000)).toEqual([
        expect.objectContaining({ userKey: "da.one", signedIn: false }),
        expect.objectContaining({ userKey: "plain.user", loginState: null, lockedUntil: null }),
      ]);
      expect(await storage.room.lastOf("authn.success")).toMatchObject({
        userId: "da.one",
        at: expect.any(String),
      });
      expect(await storage.room.lastOf("trainer.start-over")).toBeNull();
      const kinds = await storage.room.eventsOfKinds(["authn.success", "control.user-unlock"], 10);
      expect(kinds.map((e) => e.event)).toEqual(["control.user-unlock", "authn.success"]);
      expect((await storage.room.eventsOfKinds(["authn.password"], 2)).map((e) => e.userId)).toEqual([
        "da.one",
        "nobody.known",
      ]);
      const events = await storage.room.eventsOf(["plain.user", "da.one"], ["authn.success"]);
      expect(events.map((e) => [e.userId, e.event])).toEqual([["da.one", "authn.success"]]);
      expect(await storage.room.eventsOf([], ["authn.success"])).toEqual([]);
    });

    it("starts one trainee over: their sign-ins, lock, mail and record; nobody else's", async () => {
      storage.audit.append(
        line(13_000, "other.user", "admin.email.set", { method: "admin", detail: "by da.one: none -> x" }),
      );
      storage.audit.append(
        line(13_100, "other.user", "admin.email.set", {
          method: "admin",
          detail: "by da.oneself: none -> y",
        }),
      );
      storage.audit.append(line(13_200, "da.one", "control.sessions-end", { method: "control" }));
      storage.audit.append(line(13_300, "plain.user", "authn.otp", { outcome: "failure" }));
      await storage.outbox.record({
        to: "one@example.com",
        userId: "da.one",
        subject: "code",
        text: "123456",
        html: null,
        otp: "123456",
        sentAt: 13_000,
        status: "delivered",
        error: null,
      });
      await storage.logins.create({
        tokenHash: hash("login-da"),
        userKey: "da.one",
        state: "OTP_REQUIRED",
        factors: ["otp"],
        createdAt: 13_000,
        expiresAt: 900_000,
      });
      await storage.lockouts.lock("da.one", 60_000);
      expect(await committed(storage)).toBeNull();

      await storage.room.forget("da.one");

      expect(await storage.audit.list({ userId: "da.one" }, 100)).toEqual([
        expect.objectContaining({ event: "control.sessions-end" }),
      ]);
      const others = await storage.audit.list({ event: "admin.email.set" }, 100);
      expect(others.map((e) => e.detail)).toEqual(["by da.oneself: none -> y"]);
      expect((await storage.audit.list({ userId: "plain.user" }, 100)).length).toBeGreaterThan(0);
      expect(await storage.outbox.forUser("da.one")).toEqual([]);
      expect(await storage.logins.find(hash("login-da"))).toBeUndefined();
      expect(await storage.lockouts.lockedUntil("da.one", 20_000)).toBeNull();
      expect(await storage.lockouts.lockedUntil("plain.user", 20_000)).toBe(50_000);
      expect(await storage.logins.find(hash("login-1"))).toBeDefined();
      expect((await storage.room.trainees(0, 20_000, 60_000)).map((t) => t.userKey)).toEqual(["plain.user"]);
    });

    it("clears the applications with the users", async () => {
      await storage.clear({ keepAudit: true });
      expect(await storage.daEmail.list({})).toEqual([]);
    });
  });
