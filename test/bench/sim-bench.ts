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
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { parseArgs } from "node:util";
import { type Answer, KeepAliveClient } from "./keep-alive-client.js";

const { values } = parseArgs({
  options: {
    profile: { type: "string", default: "both" },
    clients: { type: "string", default: "50" },
    seconds: { type: "string", default: "15" },
    "production-seconds": { type: "string", default: "20" },
    warmup: { type: "string", default: "3" },
  },
});
const clients = Number(values.clients);
const warmupMs = Number(values.warmup) * 1000;
const profiles = values.profile === "both" ? (["fast", "production"] as const) : [values.profile];
const password = "Bench#Login2023";

interface Server {
  url: URL;
  ca: Buffer;
  controlToken: string;
  child: ChildProcess;
  dir: string;
}

async function startServer(profile: string): Promise<Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-sim-bench-"));
  const nodeFlags = (process.env.SIM_BENCH_NODE_FLAGS ?? "").split(" ").filter((f) => f !== "");
  const child = spawn(
    process.execPath,
    [...nodeFlags, "--import", "tsx", "test/bench/sim-bench-server.ts", profile, dir],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`the simulator exited (${code}) before it listened`)));
  });
  const info = JSON.parse(line) as { url: string; caFile: string; controlToken: string };
  return {
    url: new URL(info.url),
    ca: fs.readFileSync(info.caFile),
    controlToken: info.controlToken,
    child,
    dir,
  };
}

async function stopServer(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGTERM");
  await exited;
  fs.rmSync(server.dir, { recursive: true, force: true });
}

function clientOf(server: Server): KeepAliveClient {
  return new KeepAliveClient(server.url.hostname, Number(server.url.port), server.ca);
}

function json(answer: Answer): Record<string, unknown> {
  return answer.body === "" ? {} : (JSON.parse(answer.body) as Record<string, unknown>);
}

async function createUsers(server: Server, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `bench.${String(i).padStart(5, "0")}`);
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

function percentile(sorted: number[], p: number): number {
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

interface Figures {
  profile: string;
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
}

/** utime + stime of a process in seconds, from /proc (Linux). */
function processCpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

async function run(profile: string, seconds: number): Promise<Figures> {
  const server = await startServer(profile);
  try {
    const usersPerClient = profile === "fast" ? 4 : 2;
    const users = await createUsers(server, clients * usersPerClient);
    const latencies: number[] = [];
    const errorKinds = new Map<string, number>();
    let errors = 0;
    const serverCpuBefore = processCpuSeconds(server.child.pid);
    const driverCpuBefore = process.cpuUsage();
    const started = performance.now();
    const measureFrom = started + warmupMs;
    const measureTo = measureFrom + seconds * 1000;
    const client = async (index: number) => {
      const connection = clientOf(server);
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
    const serverCpuAfter = processCpuSeconds(server.child.pid);
    const driverCpu = process.cpuUsage(driverCpuBefore);
    latencies.sort((a, b) => a - b);
    const perSecond = latencies.length / seconds;
    return {
      profile,
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
const results: Figures[] = [];
for (const profile of profiles) {
  const seconds = profile === "production" ? Number(values["production-seconds"]) : Number(values.seconds);
  process.stdout.write(`running ${profile} profile for ${seconds} s (after ${warmupMs / 1000} s warm-up)…\n`);
  results.push(await run(profile, seconds));
}
console.log("");
console.log("profile      logins  logins/s  logins/s/core  p50 ms  p99 ms  errors");
for (const r of results) {
  console.log(
    `${r.profile.padEnd(11)} ${String(r.logins).padStart(7)} ${r.perSecond.toFixed(1).padStart(9)} ${r.perCore.toFixed(1).padStart(14)} ${r.p50.toFixed(1).padStart(7)} ${r.p99.toFixed(1).padStart(7)} ${String(r.errors).padStart(7)}`,
  );
  for (const [kind, n] of r.errorKinds) console.log(`  ${r.profile} error ×${n}: ${kind}`);
  const wall = r.seconds + warmupMs / 1000;
  const server =
    r.serverCpu === null
      ? "n/a"
      : `${r.serverCpu.toFixed(1)} s (${((r.serverCpu / wall) * 100).toFixed(0)}% of a core)`;
  console.log(`  ${r.profile}: CPU over ${wall} s — simulator ${server}, driver ${r.driverCpu.toFixed(1)} s`);
  if (r.serverCpu !== null && r.serverCpu > 0) {
    // Logins finished per second of simulator CPU: the figure a busy shared machine cannot skew.
    const all = (r.logins * wall) / r.seconds;
    console.log(`  ${r.profile}: ≈ ${(all / r.serverCpu).toFixed(0)} logins per simulator CPU-second`);
  }
}
const fast = results.find((r) => r.profile === "fast");
const production = results.find((r) => r.profile === "production");
if (fast !== undefined)
  console.log(`target fast ≥ 1000 logins/s: ${fast.perSecond >= 1000 ? "met" : "NOT met"}`);
if (production !== undefined) {
  console.log(`target production ≥ 15 logins/s per core: ${production.perCore >= 15 ? "met" : "NOT met"}`);
}
