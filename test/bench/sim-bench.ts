/**
 * `npm run bench:sim`: complete password + OTP logins per second against the
 * standalone simulator on loopback, at N concurrent clients (default 50), for
 * the fast and the production hash profiles, with p50/p99 latency and errors.
 * Each login is three calls: POST /authn, GET /__sim/mailbox?userId=&limit=1
 * (the OTP, as a QA robot reads it) and POST /authn/otp/verify. Each client
 * owns its own users, so no user has two logins at once and nothing locks, and
 * its own kept-alive HTTPS connection (keep-alive-client.ts: the driver shares
 * the cores with the simulator, so it stays lean). The load average at start is
 * printed so a figure can be read against what else the machine was doing.
 * Flags: --profile fast|production|both, --clients <n>, --seconds <n> (fast),
 * --production-seconds <n>, --warmup <n> seconds.
 *
 * Storage: each profile runs on SQLite (one instance), then on PostgreSQL with 1, 2, … up to
 * --instances <n> (default 2) instances on one database, clients spread evenly over them
 * (each client keeps its connection to one instance). --database postgres://user@host:port/db
 * names the database (password in PGPASSWORD); without it the bench makes a temporary
 * PostgreSQL cluster (the version installed) on loopback and removes it afterwards, and then also counts
 * PostgreSQL's own CPU. For each PostgreSQL run it samples pg_stat_activity and prints the
 * three wait events the simulator's sessions spent most time on (pg-wait-sampler.ts).
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { type PgCluster, postgresUnavailable, startPostgres } from "../support/postgres-cluster.js";
import { clusterCpuSeconds, percentile, processCpuSeconds } from "./cpu-figures.js";
import { type Answer, KeepAliveClient } from "./keep-alive-client.js";
import { type Server, startServer, stopServer } from "./sim-bench-servers.js";
import { PgWaitSampler, type WaitProfile } from "./pg-wait-sampler.js";

const { values } = parseArgs({
  options: {
    profile: { type: "string", default: "both" },
    clients: { type: "string", default: "50" },
    seconds: { type: "string", default: "15" },
    "production-seconds": { type: "string", default: "20" },
    warmup: { type: "string", default: "3" },
    database: { type: "string" },
    instances: { type: "string", default: "2" },
  },
});
const maxInstances = Number(values.instances);
const clients = Number(values.clients);
const warmupMs = Number(values.warmup) * 1000;
const profiles = values.profile === "both" ? (["fast", "production"] as const) : [values.profile];
const password = "Bench#Login2023";

function clientOf(server: Server, index = 0): KeepAliveClient {
  const url = server.urls[index % server.urls.length] ?? server.url;
  return new KeepAliveClient(url.hostname, Number(url.port), server.ca);
}

function json(answer: Answer): Record<string, unknown> {
  return answer.body === "" ? {} : (JSON.parse(answer.body) as Record<string, unknown>);
}

async function createUsers(server: Server, count: number, prefix: string): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}.${String(i).padStart(5, "0")}`);
  let next = 0;
  const worker = async () => {
    const client = clientOf(server);
    while (next < ids.length) {
      const userId = ids[next++] as string;
      const body = JSON.stringify({
        userId,
        password,
        email: `${userId}@bench.example`,
        role: "user",
        participant: "BENCH",
        clearingHouse: "HKSCC",
        createdAt: "2022-01-03T09:00:00+08:00",
      });
      const res = await client.request("POST", "/__sim/users", body, server.controlToken);
      if (res.status !== 201) throw new Error(`creating ${userId}: ${res.status} ${res.body}`);
    }
    client.close();
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  // 2FA must be the method offered: pin the phase after the parallel run.
  const client = clientOf(server);
  const pinned = await client.request(
    "PUT",
    "/__sim/phase",
    JSON.stringify({ phase: "2fa-only" }),
    server.controlToken,
  );
  client.close();
  if (pinned.status !== 200) throw new Error(`pinning the phase: ${pinned.status} ${pinned.body}`);
  return ids;
}

const otpInMailbox = /"otp":"(\d{6})"/;

/** One complete login; throws with a short reason on any unexpected answer. */
async function login(server: Server, client: KeepAliveClient, userId: string): Promise<void> {
  const begin = json(await client.request("POST", "/sso/api/v1/authn", JSON.stringify({ userId, password })));
  if (begin.state !== "OTP_REQUIRED" || typeof begin.stateToken !== "string")
    throw new Error(`authn ${String(begin.state ?? JSON.stringify(begin.error))}`);
  // The newest message only; its OTP is read without parsing the whole mail.
  const mail = await client.request(
    "GET",
    `/__sim/mailbox?userId=${encodeURIComponent(userId)}&limit=1`,
    undefined,
    server.controlToken,
  );
  const otp = otpInMailbox.exec(mail.body)?.[1];
  if (mail.status !== 200 || otp === undefined) throw new Error(`mailbox ${mail.status}`);
  const verify = await client.request(
    "POST",
    "/sso/api/v1/authn/otp/verify",
    `{"stateToken":${JSON.stringify(begin.stateToken)},"otp":"${otp}"}`,
  );
  const verified = json(verify);
  if (verified.state !== "SUCCESS")
    throw new Error(`verify ${verify.status} ${JSON.stringify(verified.error ?? verified.state)}`);
}

interface Figures {
  profile: string;
  storage: "sqlite" | "postgres";
  instances: number;
  logins: number;
  seconds: number;
  perSecond: number;
  perCore: number;
  p50: number;
  p99: number;
  errors: number;
  errorKinds: Map<string, number>;
  /** CPU seconds the simulator and the driver spent in the whole run (Linux /proc; null elsewhere). */
  serverCpu: number | null;
  driverCpu: number;
  /** CPU seconds of PostgreSQL's processes, when the bench runs the cluster itself. */
  databaseCpu: number | null;
  /** What the simulator's PostgreSQL connections waited on during the measured seconds. */
  waits: WaitProfile | null;
}

let runs = 0;

interface Target {
  storage: "sqlite" | "postgres";
  instances: number;
  /** A fresh database for this run. */
  databaseUrl?: () => Promise<string>;
  /** The local cluster's data folder, to count its CPU. */
  clusterData?: string;
}

async function run(profile: string, seconds: number, target: Target): Promise<Figures> {
  const databaseUrl = target.databaseUrl === undefined ? undefined : await target.databaseUrl();
  const server = await startServer(profile, target.instances, databaseUrl);
  try {
    const usersPerClient = profile === "fast" ? 4 : 2;
    const users = await createUsers(server, clients * usersPerClient, `bench${++runs}`);
    const latencies: number[] = [];
    const errorKinds = new Map<string, number>();
    let errors = 0;
    const cpuOfServer = () => {
      const each = server.children.map((child) => processCpuSeconds(child.pid));
      return each.some((cpu) => cpu === null) ? null : each.reduce<number>((sum, cpu) => sum + (cpu ?? 0), 0);
    };
    const serverCpuBefore = cpuOfServer();
    const databaseCpuBefore = clusterCpuSeconds(target.clusterData);
    const driverCpuBefore = process.cpuUsage();
    const started = performance.now();
    const measureFrom = started + warmupMs;
    const measureTo = measureFrom + seconds * 1000;
    const sampling =
      databaseUrl === undefined
        ? null
        : new Promise<WaitProfile>((resolve, reject) => {
            const sampler = new PgWaitSampler(databaseUrl);
            setTimeout(() => {
              sampler.start().then(() => setTimeout(() => resolve(sampler.stop()), seconds * 1000), reject);
            }, warmupMs);
          });
    const client = async (index: number) => {
      const connection = clientOf(server, index);
      for (let round = 0; performance.now() < measureTo; round++) {
        const userId = users[index + (round % usersPerClient) * clients] as string;
        const t0 = performance.now();
        try {
          await login(server, connection, userId);
          const t1 = performance.now();
          if (t0 >= measureFrom && t1 <= measureTo) latencies.push(t1 - t0);
        } catch (error) {
          if (t0 >= measureFrom) {
            errors += 1;
            const kind = error instanceof Error ? error.message : String(error);
            errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
          }
        }
      }
      connection.close();
    };
    await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
    const waits = sampling === null ? null : await sampling;
    const serverCpuAfter = cpuOfServer();
    const databaseCpuAfter = clusterCpuSeconds(target.clusterData);
    const driverCpu = process.cpuUsage(driverCpuBefore);
    latencies.sort((a, b) => a - b);
    const perSecond = latencies.length / seconds;
    return {
      profile,
      storage: target.storage,
      instances: target.instances,
      logins: latencies.length,
      seconds,
      perSecond,
      perCore: perSecond / os.availableParallelism(),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      errors,
      errorKinds,
      serverCpu:
        serverCpuBefore === null || serverCpuAfter === null ? null : serverCpuAfter - serverCpuBefore,
      driverCpu: (driverCpu.user + driverCpu.system) / 1e6,
      databaseCpu:
        databaseCpuBefore === null || databaseCpuAfter === null ? null : databaseCpuAfter - databaseCpuBefore,
      waits,
    };
  } finally {
    await stopServer(server);
  }
}

const cores = os.availableParallelism();
console.log(
  `CCMS 2FA simulator benchmark: ${clients} concurrent clients, loopback HTTPS, ${cores} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}`,
);
console.log(
  "Each login = POST /authn + GET /__sim/mailbox (OTP) + POST /authn/otp/verify; driver and simulator share the machine.",
);
console.log(
  `Load average at start (1/5/15 min): ${os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(" / ")}`,
);
let cluster: PgCluster | undefined;
const targets: Target[] = [{ storage: "sqlite", instances: 1 }];
if (values.database !== undefined) {
  const url = values.database;
  console.log(`PostgreSQL: ${url.replace(/\/\/([^@/]*)@/, "//$1@")} (given; its CPU is not counted here)`);
  for (let n = 1; n <= maxInstances; n += 1)
    targets.push({ storage: "postgres", instances: n, databaseUrl: async () => url });
} else {
  const missing = postgresUnavailable();
  if (missing !== null) {
    console.log(`PostgreSQL runs left out: ${missing}`);
  } else {
    cluster = await startPostgres();
    const local = cluster;
    console.log(
      `PostgreSQL: a temporary PostgreSQL ${local.version} cluster on 127.0.0.1:${local.port} made for this run (fsync on)`,
    );
    for (let n = 1; n <= maxInstances; n += 1) {
      targets.push({
        storage: "postgres",
        instances: n,
        databaseUrl: () => local.createDatabase(`bench_${Date.now()}_${n}`),
        clusterData: local.dataDir,
      });
    }
  }
}
const results: Figures[] = [];
try {
  for (const profile of profiles) {
    const seconds = profile === "production" ? Number(values["production-seconds"]) : Number(values.seconds);
    for (const target of targets) {
      process.stdout.write(
        `running ${profile} profile on ${target.storage} × ${target.instances} for ${seconds} s (after ${warmupMs / 1000} s warm-up)…\n`,
      );
      results.push(await run(profile, seconds, target));
    }
  }
} finally {
  await cluster?.remove();
}

const rate = (r: Figures) => {
  const wall = r.seconds + warmupMs / 1000;
  return r.serverCpu === null || r.serverCpu <= 0 ? null : (r.logins * wall) / r.seconds / r.serverCpu;
};
console.log("");
console.log(
  "profile     storage   inst  logins  logins/s  p50 ms  p99 ms  errors  sim CPU-s  logins/sim CPU-s  db CPU-s  driver CPU-s",
);
for (const r of results) {
  const perCpu = rate(r);
  console.log(
    `${r.profile.padEnd(11)} ${r.storage.padEnd(9)} ${String(r.instances).padStart(4)} ${String(r.logins).padStart(7)} ${r.perSecond.toFixed(1).padStart(9)} ${r.p50.toFixed(1).padStart(7)} ${r.p99.toFixed(1).padStart(7)} ${String(r.errors).padStart(7)} ${(r.serverCpu?.toFixed(1) ?? "n/a").padStart(10)} ${(perCpu?.toFixed(0) ?? "n/a").padStart(17)} ${(r.databaseCpu?.toFixed(1) ?? "n/a").padStart(9)} ${r.driverCpu.toFixed(1).padStart(13)}`,
  );
  for (const [kind, n] of r.errorKinds)
    console.log(`  ${r.profile} ${r.storage}×${r.instances} error ×${n}: ${kind}`);
}
const withWaits = results.filter((r) => r.waits !== null);
if (withWaits.length > 0) {
  console.log("");
  console.log(
    "Where PostgreSQL's time went: its sessions of the simulator, sampled in pg_stat_activity every 50 ms over the measured seconds (busy ones only), top three wait events (CPU: none, running) with the statement most seen at each:",
  );
}
for (const r of withWaits) {
  const waits = r.waits as WaitProfile;
  const mean = waits.reads === 0 ? 0 : waits.busy / waits.reads;
  const perLogin = (n: number) => (r.logins === 0 ? "n/a" : (n / r.logins).toFixed(1));
  console.log(
    `  ${r.profile} ${r.storage} × ${r.instances}: ${mean.toFixed(1)} sessions busy on average; per login ${perLogin(waits.transactions)} transactions, ${perLogin(waits.walSyncs)} WAL flushes`,
  );
  for (const event of waits.events.slice(0, 3)) {
    console.log(
      `    ${(event.share * 100).toFixed(0).padStart(3)}%  ${event.wait.padEnd(28)} ${(event.topQueryShare * 100).toFixed(0).padStart(3)}% of it: ${event.topQuery}`,
    );
  }
}
const wall = (profile: string) =>
  (profile === "production" ? Number(values["production-seconds"]) : Number(values.seconds)) +
  warmupMs / 1000;
console.log("");
for (const profile of profiles) {
  console.log(
    `${profile}: CPU over each ${wall(profile)} s run, in seconds (simulator instances / PostgreSQL / driver):`,
  );
  for (const r of results.filter((x) => x.profile === profile)) {
    console.log(
      `  ${r.storage} × ${r.instances}: ${r.serverCpu?.toFixed(1) ?? "n/a"} / ${r.databaseCpu?.toFixed(1) ?? "n/a"} / ${r.driverCpu.toFixed(1)} of ${(wall(profile) * cores).toFixed(0)} available`,
    );
  }
  const sqlite = results.find((r) => r.profile === profile && r.storage === "sqlite");
  const one = results.find((r) => r.profile === profile && r.storage === "postgres" && r.instances === 1);
  const two = results.find((r) => r.profile === profile && r.storage === "postgres" && r.instances === 2);
  const sqliteRate = sqlite === undefined ? null : rate(sqlite);
  const oneRate = one === undefined ? null : rate(one);
  if (sqliteRate !== null && oneRate !== null) {
    const share = oneRate / sqliteRate;
    console.log(
      `  target PostgreSQL × 1 ≥ 60% of SQLite's logins per simulator CPU-second: ${(share * 100).toFixed(0)}% — ${share >= 0.6 ? "met" : "NOT met"}`,
    );
  }
  if (one !== undefined && two !== undefined && one.perSecond > 0) {
    const scale = two.perSecond / one.perSecond;
    console.log(
      `  target PostgreSQL × 2 ≥ 1.0 × PostgreSQL × 1 logins/s (on ${cores} cores): ${scale.toFixed(2)}× — ${scale >= 1.0 ? "met" : "NOT met"}`,
    );
  }
}
const fastSqlite = results.find((r) => r.profile === "fast" && r.storage === "sqlite");
const productionSqlite = results.find((r) => r.profile === "production" && r.storage === "sqlite");
if (fastSqlite !== undefined)
  console.log(`target fast ≥ 1000 logins/s (SQLite): ${fastSqlite.perSecond >= 1000 ? "met" : "NOT met"}`);
if (productionSqlite !== undefined) {
  console.log(
    `target production ≥ 15 logins/s per core (SQLite): ${productionSqlite.perCore >= 15 ? "met" : "NOT met"}`,
  );
}
