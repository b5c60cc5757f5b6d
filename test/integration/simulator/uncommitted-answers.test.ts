import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitBeforeAnswer } from "../../../simulator/http/commit-before-answer.js";
import { installErrorHandling } from "../../../simulator/http/error-handler.js";
import { PostgresAuditStore } from "../../../simulator/store/postgres/audit.js";
import { PgDb, statement } from "../../../simulator/store/postgres/pg-db.js";
import { type AuditRow } from "../../../simulator/store/storage.js";
import { freePort } from "../../support/postgres-cluster.js";

/**
 * Answers whose audit lines (written behind, in groups) could not be committed because the
 * database is away: whatever the answer was, it becomes 503 with Retry-After in the simulator's
 * error shape. The database is a loopback port where nothing listens, as while PostgreSQL restarts.
 */
let db: PgDb;
let audit: PostgresAuditStore;
let app: FastifyInstance;

const line = (): AuditRow => ({
  at: Date.now(),
  realAt: Date.now(),
  userId: "someone",
  event: "authn.password",
  method: "password",
  outcome: "accepted",
  clientAddress: null,
  detail: null,
});

beforeAll(async () => {
  db = new PgDb({ connectionString: `postgres://ccms@127.0.0.1:${await freePort()}/away`, max: 2 });
  audit = new PostgresAuditStore(db);
  app = Fastify();
  commitBeforeAnswer(app, audit);
  installErrorHandling(app, () => Date.now());
  // A request that wrote its audit line, then failed on a query of its own.
  app.post("/write-then-fail", async () => {
    audit.append(line());
    return db.rows(statement("one", "SELECT 1"));
  });
  // A request that wrote its audit line, did other work while that line was lost, then succeeded.
  app.post("/write-then-succeed", async () => {
    audit.append(line());
    await audit.drain();
    return { state: "OTP_REQUIRED" };
  });
});

afterAll(async () => {
  await app.close();
  await db.close();
});

describe("an answer whose writes the database could not take", () => {
  it.each(["/write-then-fail", "/write-then-succeed"])(
    "%s: 503 SERVER_ERROR with Retry-After, in the simulator's error shape",
    async (url) => {
      const res = await app.inject({ method: "POST", url });
      expect(res.statusCode).toBe(503);
      expect(res.headers["retry-after"]).toBe("1");
      expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(res.json()).toEqual({
        error: { code: "SERVER_ERROR", message: expect.stringMatching(/cannot reach its database/) },
      });
    },
  );
});
