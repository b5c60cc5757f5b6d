import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "../../../simulator/index.js";
import { mailboxResponseSchema } from "../../../shared/wire/control.js";
import { answerAt } from "../../support/authn-answers.js";
import { type PgCluster, postgresUnavailable, startPostgres } from "../../support/postgres-cluster.js";
import { clusterUser, type SimClient, simClient } from "../../support/sim-client.js";
import { skipWhen } from "../../support/skip-when.js";

/**
 * Several simulator instances on one PostgreSQL database give the answers one would: each
 * instance here is a simulator of its own (its own process state, data folder and HTTPS port),
 * and the requests of one sign-in are spread over them on purpose.
 */
const missing = postgresUnavailable();

const token = "cluster-control-token";
const authn = "/sso/api/v1/authn";
let cluster: PgCluster | undefined;
const sims: RunningSimulator[] = [];
const clients: SimClient[] = [];
const dirs: string[] = [];
let next = 0;
const newUserId = () => `room.user${++next}`;

beforeAll(async () => {
  if (missing !== null) return;
  cluster = await startPostgres();
  const url = await cluster.createDatabase("room");
  // Three instances start at once on an empty database: one schema, one CA, one set of demo users.
  const started = await startInstances(url, 3);
  sims.push(...started);
  clients.push(...sims.map((sim) => simClient(sim.url, sim.caFile, token)));
}, 60_000);

function startInstances(url: string, count: number, config?: SimulatorOptions["config"]) {
  return Promise.all(
    Array.from({ length: count }, (_, i) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ccms-room-${i}-`));
      dirs.push(dir);
      return startSimulator({
        dataDir: dir,
        hashProfile: "fast",
        controlToken: token,
        database: { url },
        ...(config === undefined ? {} : { config }),
      });
    }),
  );
}

afterAll(async () => {
  for (const client of clients) client.close();
  await Promise.all(sims.map((sim) => sim.close()));
  await cluster?.remove();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function at(i: number): SimClient {
  const client = clients[i % clients.length];
  if (client === undefined) throw new Error("no instance");
  return client;
}

async function createUser(userId: string): Promise<void> {
  const res = await at(next).control.post("/__sim/users", clusterUser(userId));
  expect(res.status).toBe(201);
}

async function latestOtp(client: SimClient, userId: string): Promise<string> {
  const res = await client.control.get("/__sim/mailbox", { params: { userId } });
  const otp = mailboxResponseSchema.parse(res.data).messages.at(-1)?.otp;
  if (!otp) throw new Error(`no code mailed to ${userId}`);
  return otp;
}

describe("several instances on one PostgreSQL database", skipWhen(missing), () => {
  it("share one CA, one control token and one schema, and say so on /healthz and /readyz", async () => {
    const certs = new Set(sims.map((sim) => fs.readFileSync(sim.caFile, "utf8")));
    expect(certs.size).toBe(1);
    expect(new Set(sims.map((sim) => sim.controlToken))).toEqual(new Set([token]));
    for (const client of clients) {
      expect((await client.http.get("/healthz")).data).toEqual({ status: "ok" });
      const ready = await client.http.get("/readyz");
      expect(ready.status).toBe(200);
      expect(ready.data).toMatchObject({ status: "ready", storage: "postgres" });
    }
    const users = await at(2).control.get("/__sim/users");
    expect(
      (users.data.users as Array<{ userId: string }>).filter((u) => u.userId === "demo.user"),
    ).toHaveLength(1);
  });

  it("continue a sign-in begun on one instance on the others: code, cooldown, attempts, session", async () => {
    const userId = newUserId();
    await createUser(userId);
    const begun = answerAt(
      (await at(0).http.post(authn, { userId, password: "Cluster#Pass2023" })).data,
      "OTP_REQUIRED",
    );
    const otp = await latestOtp(at(1), userId);
    const { stateToken } = begun;
    const resend = await at(2).http.post(`${authn}/otp/resend`, { stateToken });
    expect(resend.status).toBe(429);
    expect(resend.data.error.code).toBe("RESEND_COOLDOWN");
    const wrong = otp === "000000" ? "111111" : "000000";
    const first = await at(1).http.post(`${authn}/otp/verify`, { stateToken, otp: wrong });
    expect(first.data.error).toMatchObject({ code: "INVALID_OTP", details: { attemptsRemaining: 4 } });
    const second = await at(2).http.post(`${authn}/otp/verify`, { stateToken, otp: wrong });
    expect(second.data.error).toMatchObject({ code: "INVALID_OTP", details: { attemptsRemaining: 3 } });
    const success = answerAt(
      (await at(0).http.post(`${authn}/otp/verify`, { stateToken, otp })).data,
      "SUCCESS",
    );
    const bearer = { headers: { authorization: `Bearer ${success.sessionToken}` } };
    expect((await at(1).http.get("/sso/api/v1/session", bearer)).status).toBe(200);
    expect((await at(2).http.delete("/sso/api/v1/session", bearer)).status).toBe(204);
    const after = await at(0).http.get("/sso/api/v1/session", bearer);
    expect(after.data.error.code).toBe("SESSION_EXPIRED");
  });

  it("give exactly one SUCCESS when two instances race on the same code", async () => {
    for (let round = 0; round < 5; round += 1) {
      const userId = newUserId();
      await createUser(userId);
      const { stateToken } = answerAt(
        (await at(round).http.post(authn, { userId, password: "Cluster#Pass2023" })).data,
        "OTP_REQUIRED",
      );
      const otp = await latestOtp(at(round), userId);
      const answers = await Promise.all(
        [0, 1].map((i) => at(round + i).http.post(`${authn}/otp/verify`, { stateToken, otp })),
      );
      const wins = answers.filter((res) => res.status === 200 && res.data.state === "SUCCESS");
      expect(wins).toHaveLength(1);
      const loser = answers.find((res) => res.status !== 200);
      expect(loser?.data.error.code).toBe("INVALID_STATE_TOKEN");
    }
  });

  it("lock an account at the fifth wrong password of six spread over two instances", async () => {
    const userId = newUserId();
    await createUser(userId);
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const res = await at(i % 2).http.post(authn, { userId, password: `Wrong#Pass${i}xx` });
      outcomes.push(res.status === 200 ? res.data.state : res.data.error.code);
    }
    expect(outcomes).toEqual([
      "INVALID_CREDENTIALS",
      "INVALID_CREDENTIALS",
      "INVALID_CREDENTIALS",
      "INVALID_CREDENTIALS",
      "LOCKED_OUT",
      "LOCKED_OUT",
    ]);
    // Even the right password waits out the lock, whichever instance is asked.
    const right = await at(2).http.post(authn, { userId, password: "Cluster#Pass2023" });
    expect(right.data.state).toBe("LOCKED_OUT");
  });

  it("count the per-address rate limit over every instance", async () => {
    if (cluster === undefined) throw new Error("no cluster");
    const limited = await startInstances(await cluster.createDatabase("limited"), 2, {
      rateLimit: { max: 6, timeWindowMs: 60_000 },
    });
    const pair = limited.map((sim) => simClient(sim.url, sim.caFile, token));
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i += 1) {
        const res = await pair[i % 2]?.http.post(`${authn}/cancel`, { stateToken: "x".repeat(43) });
        statuses.push(res?.status ?? 0);
      }
      // At most 6 per address and route, whichever instance counts: the seventh and eighth are refused.
      expect(statuses.slice(0, 6).every((s) => s !== 429)).toBe(true);
      expect(statuses.slice(6)).toEqual([429, 429]);
    } finally {
      for (const client of pair) client.close();
      await Promise.all(limited.map((sim) => sim.close()));
    }
  });

  it("show one readiness board, and end a session locked on one instance on the others, with why", async () => {
    /** A password + OTP sign-in spread over the three instances; its session token. */
    const signIn = async (userId: string) => {
      const { stateToken } = answerAt(
        (await at(0).http.post(authn, { userId, password: "Demo#2023pass" })).data,
        "OTP_REQUIRED",
      );
      const otp = await latestOtp(at(1), userId);
      const done = answerAt(
        (await at(2).http.post(`${authn}/otp/verify`, { stateToken, otp })).data,
        "SUCCESS",
      );
      return { headers: { authorization: `Bearer ${done.sessionToken}` } };
    };
    const da = await signIn("demo.da");
    const user = await signIn("demo.user");
    const report = JSON.stringify({
      status: "fail",
      startedAt: "2023-04-26T09:15:00.000Z",
      target: "https://sso.hkexposttrade.com.hk/sso",
      steps: [{ id: "tls", status: "fail", durationMs: 5, detail: "refused", hint: "Ask IT." }],
      timings: { dnsMs: 1, connectMs: 1, tlsMs: null, ttfbMs: null, totalMs: 7 },
    });
    const result = { pcName: "ROOM-PC1", source: "app", report };
    const results = "/sso/api/v1/participants/CP001/pc-results";
    expect((await at(1).http.post(results, result, user)).status).toBe(201);
    // The same check sent again through another instance is one result already.
    const again = await at(2).http.post(results, { ...result, pcName: "room-pc1" }, user);
    expect(again.data.error.code).toBe("DUPLICATE_RESULT");

    const board = "/sso/api/v1/admin/participants/CP001/readiness?users=all";
    const seen = (await at(2).http.get(board, da)).data;
    expect(seen.pcs).toMatchObject({ total: 1, failing: 1, results: 1 });
    expect(seen.pcs.items[0]).toMatchObject({
      pcName: "ROOM-PC1",
      failingStep: "tls",
      submittedBy: "demo.user",
    });
    const demoUser = (seen.users.items as Array<{ userId: string; lastSignIn: unknown }>).find(
      (u) => u.userId === "demo.user",
    );
    expect(demoUser?.lastSignIn).toMatchObject({ method: "otp" });

    const locked = await at(0).http.post("/sso/api/v1/admin/users/demo.user/lock", undefined, da);
    expect(locked.data).toMatchObject({ sessionsEnded: 1 });
    const status = await at(1).http.get("/sso/api/v1/session/status", user);
    expect(status.data.error).toMatchObject({
      code: "SESSION_EXPIRED",
      details: { reason: "account-locked" },
    });
    const after = (await at(1).http.get(board, da)).data;
    const lockedUser = (after.users.items as Array<{ userId: string; lockedUntil: string | null }>).find(
      (u) => u.userId === "demo.user",
    );
    expect(lockedUser?.lockedUntil).not.toBeNull();
  });

  it("agree on the clock, the pinned phase and the faults, and a reset on one resets all", async () => {
    await at(0).control.put("/__sim/clock", { now: "2023-06-05T02:00:00.000Z" });
    const seen = await at(1).http.get("/sso/api/v1/simulator");
    expect(Date.parse(seen.data.now) - Date.parse("2023-06-05T02:00:00.000Z")).toBeLessThan(60_000);
    expect(seen.data).toMatchObject({ phase: "parallel-run", phasePinned: false });
    await at(1).control.put("/__sim/phase", { phase: "smartcard-only" });
    expect((await at(2).http.get("/sso/api/v1/simulator")).data).toMatchObject({
      phase: "smartcard-only",
      phasePinned: true,
    });
    await at(2).control.put("/__sim/faults", { failRate: 1 });
    const failing = await at(0).http.post(authn, { userId: "demo.user", password: "Demo#2023pass" });
    expect(failing.status).toBe(503);
    await at(1).control.put("/__sim/rehearsal/moment", { preset: "launch-day" });
    expect((await at(2).control.get("/__sim/rehearsal")).data.moment).toMatchObject({ preset: "launch-day" });

    const reset = await at(0).control.post("/__sim/reset");
    expect(reset.status).toBe(200);
    expect((await at(1).control.get("/__sim/faults")).data).toEqual({
      latencyMs: 0,
      failRate: 0,
      mailDelayMs: 0,
      dropMail: false,
    });
    expect((await at(2).control.get("/__sim/clock")).data.realTime).toBe(true);
    expect((await at(2).control.get("/__sim/rehearsal")).data.moment).toBeNull();
    expect((await at(1).http.get("/sso/api/v1/simulator")).data.phasePinned).toBe(false);
    const users = await at(1).control.get("/__sim/users");
    expect((users.data.users as unknown[]).length).toBe(5);
    const signIn = await at(2).http.post(authn, { userId: "demo.user", password: "Demo#2023pass" });
    expect(signIn.data.state).toBe("OTP_REQUIRED");
  });
});
