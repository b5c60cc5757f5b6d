import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, onTestFailed, vi } from "vitest";
import { answerAt } from "../../support/authn-answers.js";
import { type Haproxy, haproxyConfig, haproxyUnavailable, startHaproxy } from "../../support/haproxy.js";
import {
  freePort,
  type PgCluster,
  postgresUnavailable,
  startPostgres,
} from "../../support/postgres-cluster.js";
import { clusterUser, type SimClient, simClient } from "../../support/sim-client.js";
import { type CliRun, startCli } from "../simulator/cli-process.js";
import { skipWhen } from "../../support/skip-when.js";

/**
 * The real parts on loopback: a temporary PostgreSQL cluster, three simulator processes on
 * it and HAProxy in TCP mode in front (TLS ends at the simulators). One instance is SIGKILLed
 * under load, then PostgreSQL is restarted under load.
 */
const missing = postgresUnavailable() ?? haproxyUnavailable();

const token = "room-control-token";
const password = "Cluster#Pass2023";
let cluster: PgCluster | undefined;
let databaseUrl = "";
let haproxy: Haproxy | undefined;
let front: SimClient | undefined;
const instances: Array<CliRun | undefined> = [];
const root = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-room-faults-"));

/** The instance the first test SIGKILLs: it logs its requests, to show what it acknowledged before. */
const VICTIM = 2;

function startInstance(i: number, port: number): Promise<CliRun> {
  const data = path.join(root, `sim${i}`);
  return startCli(
    [
      ...(i === VICTIM ? ["--log"] : []),
      "--data",
      data,
      "--port",
      String(port),
      "--hash-profile",
      "fast",
      "--control-token",
      token,
      "--database",
      databaseUrl,
    ],
    { ...process.env, PGPASSWORD: "" },
  );
}

beforeAll(async () => {
  if (missing !== null) return;
  cluster = await startPostgres();
  databaseUrl = await cluster.createDatabase("room");
  const ports = await Promise.all([1, 2, 3].map(() => freePort()));
  instances.push(...(await Promise.all(ports.map((port, i) => startInstance(i + 1, port)))));
  const caFile = instances[0]?.caFile ?? "";
  const frontPort = await freePort();
  haproxy = await startHaproxy(
    root,
    haproxyConfig(
      frontPort,
      ports.map((port) => ({ port })),
      caFile,
    ),
    frontPort,
  );
  // A new connection per request: HAProxy spreads them over the instances.
  front = simClient(`https://127.0.0.1:${frontPort}`, caFile, token, false);
}, 90_000);

afterAll(async () => {
  front?.close();
  await haproxy?.stop();
  for (const instance of instances) {
    instance?.child.kill("SIGTERM");
    await instance?.exited;
  }
  await cluster?.remove();
  fs.rmSync(root, { recursive: true, force: true });
}, 60_000);

interface Outcome {
  kind: "registration" | "login";
  userId: string;
  startedAt: number;
  answeredAt: number;
  /** HTTP status, or "no answer" when the connection failed. */
  status: number | "no answer";
  /** Why there was no answer (the client's error code and message). */
  error?: string;
  stateToken?: string;
  code?: string;
  retryAfter?: string;
  /** The start of the body of a 5xx answer, for a failure to show. */
  body?: string;
}

/** Clients registering users and signing them in through HAProxy until `until` says stop. */
async function load(until: () => boolean, prefix: string, clients = 8): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let n = 0;
  const http = front?.http;
  const control = front?.control;
  if (http === undefined || control === undefined) throw new Error("no front");
  const one = async () => {
    while (!until()) {
      const userId = `${prefix}.${n++}`;
      const startedAt = Date.now();
      const register = await control.post("/__sim/users", clusterUser(userId, password)).catch(failure);
      outcomes.push(outcome("registration", userId, startedAt, register));
      if ("error" in register || register.status !== 201) continue;
      const loginAt = Date.now();
      const login = await http.post("/sso/api/v1/authn", { userId, password }).catch(failure);
      const result = outcome("login", userId, loginAt, login);
      if (!("error" in login) && login.status === 200)
        result.stateToken = answerAt(login.data, "OTP_REQUIRED").stateToken;
      outcomes.push(result);
    }
  };
  await Promise.all(Array.from({ length: clients }, one));
  return outcomes;
}

interface NoAnswer {
  error: string;
}

function failure(error: unknown): NoAnswer {
  const code = (error as { code?: unknown }).code;
  return { error: `${String(code)} ${error instanceof Error ? error.message : String(error)}` };
}

function outcome(
  kind: Outcome["kind"],
  userId: string,
  startedAt: number,
  res: { status: number; data: { error?: { code?: string } }; headers: Record<string, unknown> } | NoAnswer,
): Outcome {
  const answeredAt = Date.now();
  if ("error" in res) return { kind, userId, startedAt, answeredAt, status: "no answer", error: res.error };
  const result: Outcome = { kind, userId, startedAt, answeredAt, status: res.status };
  const code = res.data.error?.code;
  if (code !== undefined) result.code = code;
  const retryAfter = res.headers["retry-after"];
  if (typeof retryAfter === "string") result.retryAfter = retryAfter;
  if (res.status >= 500) result.body = JSON.stringify(res.data).slice(0, 300);
  return result;
}

/** The instances whose process still runs (the one SIGKILLed by the first test is not). */
const alive = () =>
  instances.filter(
    (instance): instance is CliRun =>
      instance !== undefined && instance.child.exitCode === null && instance.child.signalCode === null,
  );

const acknowledged = (outcomes: Outcome[], kind: Outcome["kind"], status: number) =>
  outcomes.filter((o) => o.kind === kind && o.status === status);

/**
 * The writes an instance answered with success, from its request log (`--log`: fastify's lines, one
 * "incoming request" with the method and URL, one "request completed" with the status, per request).
 */
function acknowledgedWritesOf(instance: CliRun): { registrations: number; logins: number } {
  const requests = new Map<string, string>();
  const counts = { registrations: 0, logins: 0 };
  for (const line of instance.stdoutLines()) {
    if (!line.startsWith("{")) continue;
    const entry = JSON.parse(line) as {
      reqId?: string;
      req?: { method: string; url: string };
      res?: { statusCode: number };
    };
    if (entry.reqId === undefined) continue;
    if (entry.req) requests.set(entry.reqId, `${entry.req.method} ${entry.req.url}`);
    const request = requests.get(entry.reqId);
    if (entry.res?.statusCode === 201 && request === "POST /__sim/users") counts.registrations += 1;
    if (entry.res?.statusCode === 200 && request === "POST /sso/api/v1/authn") counts.logins += 1;
  }
  return counts;
}

/** Every acknowledged registration is a user; every acknowledged login's code still signs in once. */
async function expectAllKept(outcomes: Outcome[]): Promise<void> {
  const http = front?.http;
  const control = front?.control;
  if (http === undefined || control === undefined) throw new Error("no front");
  const users = await control.get("/__sim/users");
  const present = new Set((users.data.users as Array<{ userId: string }>).map((u) => u.userId));
  const missingUsers = acknowledged(outcomes, "registration", 201).filter((o) => !present.has(o.userId));
  expect(missingUsers).toEqual([]);
  const lost: string[] = [];
  for (const login of acknowledged(outcomes, "login", 200)) {
    const mail = await control.get("/__sim/mailbox", { params: { userId: login.userId } });
    const otp = (mail.data.messages as Array<{ otp: string | null }>).at(-1)?.otp;
    const verified = otp
      ? await http.post("/sso/api/v1/authn/otp/verify", { stateToken: login.stateToken, otp })
      : null;
    if (verified?.data.state !== "SUCCESS") lost.push(login.userId);
  }
  expect(lost).toEqual([]);
}

/** What happened to the room during a test, with the time: shown with the failure. */
const marks: string[] = [];
const mark = (what: string) => marks.push(`${new Date().toISOString()} (${Date.now()}) ${what}`);

/**
 * When a test fails: the moments marked, HAProxy's warnings and the connections it saw end
 * abnormally (the termination state of its TCP log is not "--"), and how each instance ended,
 * with the tail of its stderr.
 */
function explainFailure(): void {
  const abnormal = (haproxy?.log() ?? "(HAProxy not started)")
    .split("\n")
    .filter((line) => line !== "" && !/ -- \d/.test(line))
    .slice(-100);
  const parts = [
    `marks:\n${marks.join("\n")}`,
    `HAProxy, all but the clean connections:\n${abnormal.join("\n")}`,
  ];
  instances.forEach((instance, i) => {
    if (instance === undefined) return;
    const { exitCode, signalCode } = instance.child;
    const state = exitCode === null && signalCode === null ? "running" : `ended (${exitCode ?? signalCode})`;
    const stderr = instance.stderr().split("\n").slice(-60).join("\n");
    parts.push(`instance sim${i + 1} (${instance.url}), ${state}; stderr:\n${stderr}`);
  });
  console.log(parts.join("\n\n"));
}

describe("a room of simulators behind HAProxy survives", skipWhen(missing), () => {
  it("the SIGKILL of one instance under load: only requests in flight fail, every acknowledged write stays", async () => {
    onTestFailed(explainFailure);
    marks.length = 0;
    let stop = false;
    const running = load(() => stop, "kill");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const victim = instances[VICTIM - 1];
    if (victim === undefined) throw new Error("no victim");
    // Killed once it has acknowledged writes of both kinds, so that keeping them is what is tested.
    await vi.waitFor(
      () => {
        const { registrations, logins } = acknowledgedWritesOf(victim);
        if (registrations === 0 || logins === 0)
          throw new Error(`sim${VICTIM} has acknowledged no write yet`);
      },
      { timeout: 30_000, interval: 100 },
    );
    mark(`SIGKILL to sim${VICTIM}`);
    victim.child.kill("SIGKILL");
    await victim.exited;
    // From here on the instance is gone: a request sent later must reach another one.
    const diedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    stop = true;
    const outcomes = await running;
    const failed = outcomes.filter((o) => o.status === "no answer" || (o.status as number) >= 500);
    const byVictim = acknowledgedWritesOf(victim);
    console.log(
      `SIGKILL under load: ${acknowledged(outcomes, "registration", 201).length} registrations and ` +
        `${acknowledged(outcomes, "login", 200).length} logins acknowledged, ${failed.length} failed (in flight at the kill); ` +
        `sim${VICTIM} had acknowledged ${byVictim.registrations} registrations and ${byVictim.logins} logins before it was killed`,
    );
    expect(acknowledged(outcomes, "login", 200).length).toBeGreaterThan(10);
    // The killed instance had answered writes: what it acknowledged is among what must be kept.
    expect(byVictim.registrations).toBeGreaterThan(0);
    expect(byVictim.logins).toBeGreaterThan(0);
    // At most the requests in flight when the instance died: none sent after it failed.
    expect(failed.filter((o) => o.startedAt > diedAt)).toEqual([]);
    expect(failed.length).toBeLessThanOrEqual(8);
    // Requests sent after the kill were answered by the others.
    expect(outcomes.some((o) => o.startedAt > diedAt && o.status === 201)).toBe(true);
    await expectAllKept(outcomes);
  }, 60_000);

  it("PostgreSQL restarted under load: 503 with Retry-After while it is away, then recovery on their own, nothing half-written", async () => {
    if (cluster === undefined) throw new Error("no cluster");
    onTestFailed(explainFailure);
    marks.length = 0;
    const runningBefore = alive().map((instance) => instance.url);
    let stop = false;
    const running = load(() => stop, "restart");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // Stopped and started without blocking this process: the clients' load runs on meanwhile.
    mark("stopping PostgreSQL");
    const stopping = { from: Date.now(), to: 0 };
    await cluster.stop();
    stopping.to = Date.now();
    mark("PostgreSQL stopped");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    mark("starting PostgreSQL");
    const starting = { from: Date.now(), to: 0 };
    await cluster.start();
    starting.to = Date.now();
    mark("PostgreSQL started");
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    stop = true;
    const outcomes = await running;
    const away = outcomes.filter((o) => o.status === 503);
    const answeredWithin = (span: { from: number; to: number }) =>
      outcomes.filter((o) => o.answeredAt >= span.from && o.answeredAt <= span.to).length;
    console.log(
      `PostgreSQL restart under load: ${outcomes.length} requests, ${away.length} answered 503, ` +
        `${outcomes.filter((o) => o.status === "no answer").length} unanswered; ` +
        `${answeredWithin(stopping)} answered while it stopped (${stopping.to - stopping.from} ms), ` +
        `${answeredWithin(starting)} while it started (${starting.to - starting.from} ms)`,
    );
    // The load ran on while PostgreSQL stopped and started, not only between.
    expect(answeredWithin(stopping) + answeredWithin(starting)).toBeGreaterThan(0);
    // The instances kept running through it.
    expect(alive().map((instance) => instance.url)).toEqual(runningBefore);
    expect(away.length).toBeGreaterThan(0);
    expect(away.filter((answer) => answer.code !== "SERVER_ERROR" || answer.retryAfter !== "1")).toEqual([]);
    // No other failure than "come back in a second": no connection cut, no 500.
    expect(outcomes.filter((o) => o.status === "no answer" || o.status === 500)).toEqual([]);
    // The instances came back by themselves: the last requests went through.
    const last = outcomes.slice(-8);
    expect(last.some((o) => o.status === 201 || o.status === 200)).toBe(true);
    for (const instance of alive()) {
      const direct = simClient(instance.url, instance.caFile, token);
      try {
        expect((await direct.http.get("/readyz")).status).toBe(200);
      } finally {
        direct.close();
      }
    }
    await expectAllKept(outcomes);
    // Nothing half-written: every user came with its first password, in one transaction.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const orphans = await client.query(
        "SELECT count(*)::int AS n FROM users u WHERE NOT EXISTS (SELECT 1 FROM password_history h WHERE h.user_key = u.user_key)",
      );
      expect(orphans.rows[0]?.n).toBe(0);
    } finally {
      await client.end();
    }
  }, 60_000);
});
