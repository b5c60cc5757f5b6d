/**
 * `npm run bench:check`: the check's own dns/connect/tls/ttfb figures beside
 * curl's (`-w` time_namelookup, time_connect, time_appconnect,
 * time_starttransfer) for the same local TLS URL, alternating, several runs,
 * medians. curl's figures are cumulative; they are turned into per-phase
 * durations to match the check's.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { defaultDependencies, runCheck } from "../../electron/services/connectivity/index.js";
import { createTestCa } from "../integration/connectivity/support/pki.js";
import { ssoRoutes, startHttpsServer } from "../integration/connectivity/support/servers.js";

const run = promisify(execFile);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 2;
const PER_ROUND = 3;
type Phase = "dns" | "connect" | "tls" | "ttfb";
const phases: Phase[] = ["dns", "connect", "tls", "ttfb"];

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const CURL_FORMAT = "%{time_namelookup} %{time_connect} %{time_appconnect} %{time_starttransfer}\\n";

const toPhases = (line: string): Record<Phase, number> => {
  const [lookup = 0, connect = 0, appconnect = 0, start = 0] = line
    .trim()
    .split(/\s+/)
    .map((s) => Number(s) * 1000);
  return { dns: lookup, connect: connect - lookup, tls: appconnect - connect, ttfb: start - appconnect };
};

/**
 * `count` transfers in one curl process: each on a new connection (the server
 * is asked to close) with a full handshake (no session reuse); the first is a
 * warm-up. Later transfers reuse curl's loaded CA store, as the check reuses
 * its trust context, so both sides time the handshake rather than start-up.
 */
async function curlWarm(url: string, caFile: string, count: number): Promise<Record<Phase, number>[]> {
  const args = [
    "-s",
    "--noproxy",
    "*",
    "--cacert",
    caFile,
    "--no-sessionid",
    "-H",
    "Connection: close",
    "-w",
    CURL_FORMAT,
  ];
  for (let i = 0; i < count; i += 1) args.push("-o", "/dev/null", `${url}?n=${i}`);
  const { stdout } = await run("curl", args);
  return stdout.trim().split("\n").slice(1).map(toPhases);
}

/** One curl process per request: includes OpenSSL's per-process set-up in the TLS figure. */
async function curlCold(url: string, caFile: string): Promise<Record<Phase, number>> {
  const { stdout } = await run("curl", [
    "-s",
    "-o",
    "/dev/null",
    "--noproxy",
    "*",
    "--cacert",
    caFile,
    "-w",
    CURL_FORMAT,
    url,
  ]);
  return toPhases(stdout);
}

async function main(): Promise<void> {
  try {
    await run("curl", ["--version"]);
  } catch {
    console.log("bench:check skipped: curl is not installed (apt-get install -y curl).");
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-check-bench-"));
  const ca = await createTestCa("Bench CA");
  const caFile = path.join(dir, "ca.pem");
  fs.writeFileSync(caFile, ca.certPem);
  const server = await startHttpsServer(await ca.issue(), ssoRoutes());
  const url = `https://localhost:${server.port}/sso`;
  const deps = defaultDependencies({ resolveProxy: async () => "DIRECT" });
  const ours: Record<Phase, number[]> = { dns: [], connect: [], tls: [], ttfb: [] };
  const warm: Record<Phase, number[]> = { dns: [], connect: [], tls: [], ttfb: [] };
  const cold: Record<Phase, number[]> = { dns: [], connect: [], tls: [], ttfb: [] };
  const check = async (): Promise<Record<Phase, number>> => {
    const result = await runCheck(
      { url: new URL(url), dnsServers: [], caPem: ca.certPem, proxy: null, timeoutMs: 5_000 },
      deps,
    );
    if (result.status !== "pass") throw new Error(`the check did not pass: ${JSON.stringify(result.steps)}`);
    const t = result.timings;
    return { dns: t.dnsMs ?? NaN, connect: t.connectMs ?? NaN, tls: t.tlsMs ?? NaN, ttfb: t.ttfbMs ?? NaN };
  };
  const push = (into: Record<Phase, number[]>, sample: Record<Phase, number>): void => {
    for (const phase of phases) into[phase].push(sample[phase]);
  };
  try {
    for (let i = 0; i < WARMUP; i += 1) await check();
    for (let round = 0; round * PER_ROUND < RUNS; round += 1) {
      for (const sample of await curlWarm(url, caFile, PER_ROUND + 1)) push(warm, sample);
      for (let i = 0; i < PER_ROUND; i += 1) push(ours, await check());
      push(cold, await curlCold(url, caFile));
    }
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const samples = ours.tls.length;
  console.log(`ccms-check vs curl ${url}: ${samples} requests each, medians in ms`);
  console.log(
    "curl: several requests per process, new connection and full handshake each (-w figures as deltas)",
  );
  console.log("phase     ccms-check    curl    diff   within 20% or 2 ms   curl one process per request");
  let allWithin = true;
  for (const phase of phases) {
    const a = median(ours[phase]);
    const b = median(warm[phase]);
    const diff = a - b;
    const within = Math.abs(diff) <= 2 || Math.abs(diff) <= 0.2 * b;
    allWithin &&= within;
    console.log(
      `${phase.padEnd(8)} ${a.toFixed(2).padStart(11)} ${b.toFixed(2).padStart(7)} ${((diff >= 0 ? "+" : "") + diff.toFixed(2)).padStart(7)}   ${(within ? "yes" : "NO").padEnd(20)} ${median(cold[phase]).toFixed(2).padStart(8)}`,
    );
  }
  console.log(allWithin ? "All phases within target." : "Some phases outside target (see above).");
}

await main();
