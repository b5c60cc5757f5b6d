/**
 * `npm run bench`: the three figures of the login's performance budget.
 *  1. gzip size of the JavaScript the login screen asks for before its form is interactive, and of all
 *     it fetches at start (test/bench/login-page-bench.ts);
 *  2. time from a fresh navigation to an interactive login form in headless Chromium, side by side with
 *     a minimal one-form React page (alternating, median of N each) and their ratio; and after a reload;
 *  3. p50/p95 of a full password + OTP login through the wire API on loopback (fast hash profile);
 *  4. the same through the app's HTTP client, direct and through a loopback CONNECT proxy (Basic
 *     authentication) in its own process and in this one, taken in turn: what the tunnel adds;
 *  5. the size of the Electron bundles: the preload (budget 20 KB: names, never schemas) and the main process;
 *  6. the packaged app (`npm run dist:dir`): app.asar and the files unpacked beside it (budget 12 MB in
 *     all) and the packaged main bundle's start, from loading to its window (stand-in Electron, median of 10).
 * Flags: --runs <n> page loads (default 15), --logins <n> timed logins (default 300), --no-build.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startSimulator } from "../../simulator/index.js";
import { request } from "../support/https-request.js";
import { pageFigures } from "./login-page-bench.js";
import { packageFigures } from "./package-bench.js";
import { proxyLoginLatencies } from "./proxy-login-bench.js";
import { printResults, type ResultRow } from "./results-table.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "15" },
    logins: { type: "string", default: "300" },
    "no-build": { type: "boolean", default: false },
  },
});
const pageRuns = Number(values.runs);
const loginRuns = Number(values.logins);
const electronDir = path.resolve("dist-electron");
const LOGIN_SCRIPTS_BUDGET_KB = 100;
const MINIMAL_PAGE_RATIO = 1.3;
const PRELOAD_BUDGET_KB = 20;
const RESOURCES_BUDGET_MB = 12;
const PACKAGED_STARTS = 10;

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Full logins against the simulator over HTTPS on loopback: authn, then OTP verify (mail read is not timed). */
async function wireLoginLatencies(runs: number): Promise<number[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-bench-"));
  const sim = await startSimulator({ dataDir, hashProfile: "fast", quiet: true });
  const agent = new https.Agent({ ca: sim.caCertPem, keepAlive: true, maxSockets: 4 });
  const control = sim.controlToken;
  const user = { userId: "bench.user", password: "Bench#2023pass", email: "bench.user@cp-bench.example" };
  try {
    const created = await request(
      agent,
      sim.url,
      "POST",
      "/__sim/users",
      {
        ...user,
        role: "user",
        participant: "B0001",
        clearingHouse: "HKSCC",
      },
      control,
    );
    if (created.status !== 201) throw new Error(`creating the bench user answered ${created.status}`);
    const times: number[] = [];
    const warmUp = Math.min(20, Math.ceil(runs / 10));
    for (let i = 0; i < runs + warmUp; i++) {
      const t0 = performance.now();
      const begun = await request(agent, sim.url, "POST", "/sso/api/v1/authn", {
        userId: user.userId,
        password: user.password,
      });
      const t1 = performance.now();
      if (begun.body["state"] !== "OTP_REQUIRED")
        throw new Error(`authn answered ${JSON.stringify(begun.body)}`);
      const mail = await request(
        agent,
        sim.url,
        "GET",
        `/__sim/mailbox?to=${encodeURIComponent(user.email)}`,
        undefined,
        control,
      );
      const messages = mail.body["messages"] as Array<{ otp: string | null }>;
      const otp = messages.at(-1)?.otp;
      if (!otp) throw new Error("the OTP email did not arrive in the control mailbox");
      const t2 = performance.now();
      const verified = await request(agent, sim.url, "POST", "/sso/api/v1/authn/otp/verify", {
        stateToken: begun.body["stateToken"],
        otp,
      });
      const t3 = performance.now();
      if (verified.body["state"] !== "SUCCESS")
        throw new Error(`verify answered ${JSON.stringify(verified.body)}`);
      if (i >= warmUp) times.push(t1 - t0 + (t3 - t2));
      await request(
        agent,
        sim.url,
        "DELETE",
        "/sso/api/v1/session",
        undefined,
        String(verified.body["sessionToken"]),
      );
    }
    return times.sort((a, b) => a - b);
  } finally {
    agent.destroy();
    await sim.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!values["no-build"]) execFileSync("npm", ["run", "build", "--silent"], { stdio: "inherit" });
  const preloadKb = fs.statSync(path.join(electronDir, "preload.cjs")).size / 1024;
  const mainKb = fs.statSync(path.join(electronDir, "main.cjs")).size / 1024;
  const pages = await pageFigures(pageRuns);
  const loadDuringPages = os.loadavg();
  const logins = await wireLoginLatencies(loginRuns);
  const viaProxy = await proxyLoginLatencies(loginRuns);
  const packaged = await packageFigures(PACKAGED_STARTS);

  const kbOf = (scripts: Array<{ gzipBytes: number }>) =>
    scripts.reduce((sum, script) => sum + script.gzipBytes, 0) / 1024;
  const beforeKb = kbOf(pages.beforeInteractive);
  const tti = percentile(pages.login, 50);
  const minimalTti = percentile(pages.minimal, 50);
  const ratio = tti / minimalTti;
  const ttiWarm = percentile(pages.warm, 50);
  const p50 = percentile(logins, 50);
  const p95 = percentile(logins, 95);
  const directP50 = percentile(viaProxy.direct, 50);
  const tunnelP50 = percentile(viaProxy.tunnelled, 50);
  const directP95 = percentile(viaProxy.direct, 95);
  const tunnelP95 = percentile(viaProxy.tunnelled, 95);
  const addedP50 = tunnelP50 - directP50;
  const localP50 = percentile(viaProxy.sameProcess, 50);
  const localP95 = percentile(viaProxy.sameProcess, 95);
  const n = viaProxy.direct.length;
  const mb = (bytes: number) => bytes / (1024 * 1024);
  const resourcesMb = mb(packaged.asarBytes + packaged.unpackedBytes);
  const startP50 = percentile(packaged.startTimes, 50);
  const rows: ResultRow[] = [
    [
      `Login screen JavaScript before the form is interactive, gzip (${pages.beforeInteractive.length} files)`,
      `${beforeKb.toFixed(1)} KB`,
      `≤ ${LOGIN_SCRIPTS_BUDGET_KB} KB`,
      beforeKb <= LOGIN_SCRIPTS_BUDGET_KB,
    ],
    [
      `  all it fetched at start, the bridge's included, gzip (${pages.atStart.length} files)`,
      `${kbOf(pages.atStart).toFixed(1)} KB`,
      "",
      true,
    ],
    [
      `Navigation → interactive login form, fresh profile, median of ${pages.login.length}`,
      `${tti.toFixed(0)} ms`,
      "",
      true,
    ],
    [
      `  minimal one-form React page, same Vite and server, alternating, median of ${pages.minimal.length}`,
      `${minimalTti.toFixed(0)} ms`,
      "",
      true,
    ],
    [
      "  login form ÷ minimal page",
      `${ratio.toFixed(2)} ×`,
      `≤ ${MINIMAL_PAGE_RATIO} ×`,
      ratio <= MINIMAL_PAGE_RATIO,
    ],
    [
      `Navigation → interactive login form, reload (warm cache), median of ${pages.warm.length}`,
      `${ttiWarm.toFixed(0)} ms`,
      "≤ 300 ms",
      ttiWarm <= 300,
    ],
    [`Password + OTP login on loopback, p50 (n=${logins.length})`, `${p50.toFixed(1)} ms`, "", true],
    [
      `Password + OTP login on loopback, p95 (n=${logins.length})`,
      `${p95.toFixed(1)} ms`,
      "≤ 50 ms",
      p95 <= 50,
    ],
    [
      "Preload bundle (dist-electron/preload.cjs, minified)",
      `${preloadKb.toFixed(1)} KB`,
      `≤ ${PRELOAD_BUDGET_KB} KB`,
      preloadKb <= PRELOAD_BUDGET_KB,
    ],
    ["Main-process bundle (dist-electron/main.cjs)", `${mainKb.toFixed(0)} KB`, "", true],
    [
      `Packaged resources: app.asar + unpacked (${packaged.asarFiles + packaged.unpackedFiles} files)`,
      `${resourcesMb.toFixed(1)} MB`,
      `≤ ${RESOURCES_BUDGET_MB} MB`,
      resourcesMb <= RESOURCES_BUDGET_MB,
    ],
    [`  app.asar (${packaged.asarFiles} files)`, `${mb(packaged.asarBytes).toFixed(1)} MB`, "", true],
    [
      `  app.asar.unpacked: native modules (${packaged.unpackedFiles} files)`,
      `${mb(packaged.unpackedBytes).toFixed(1)} MB`,
      "",
      true,
    ],
    [
      `Packaged main bundle: load, build the services, open the window (stand-in Electron), median of ${packaged.startTimes.length}`,
      `${startP50.toFixed(0)} ms`,
      "",
      true,
    ],
    [
      `Password + OTP, app's client, direct, p50 / p95 (n=${n})`,
      `${directP50.toFixed(1)} / ${directP95.toFixed(1)} ms`,
      "",
      true,
    ],
    [
      `Password + OTP, app's client, through the loopback CONNECT proxy, p50 / p95 (n=${n})`,
      `${tunnelP50.toFixed(1)} / ${tunnelP95.toFixed(1)} ms`,
      "",
      true,
    ],
    [
      `What the tunnel adds at p50 (p95: ${(tunnelP95 - directP95).toFixed(2)} ms)`,
      `${addedP50.toFixed(2)} ms`,
      "≤ 2 ms",
      addedP50 <= 2,
    ],
    [
      `Same, the proxy in this process: p50 / p95 (n=${viaProxy.sameProcess.length}), added at p50`,
      `${localP50.toFixed(1)} / ${localP95.toFixed(1)} ms, ${localP50 >= directP50 ? "+" : "−"}${Math.abs(localP50 - directP50).toFixed(2)} ms`,
      "",
      true,
    ],
  ];
  printResults(rows);
  const files = (scripts: Array<{ file: string; gzipBytes: number }>) =>
    scripts.map((script) => `${script.file} ${(script.gzipBytes / 1024).toFixed(1)}`).join(", ");
  console.log(
    `\nlogin screen scripts before the form is interactive (KB gzip): ${files(pages.beforeInteractive)}`,
  );
  const later = pages.atStart.filter(
    (script) => !pages.beforeInteractive.some((b) => b.file === script.file),
  );
  console.log(`fetched after, still at start: ${later.length > 0 ? files(later) : "none"}`);
  console.log(`minimal page scripts (KB gzip): ${files(pages.minimalScripts)}`);
  const range = (sorted: number[]) => `min ${sorted[0]?.toFixed(0)} max ${sorted.at(-1)?.toFixed(0)}`;
  console.log(
    `page loads (ms): login fresh ${range(pages.login)}; minimal fresh ${range(pages.minimal)}; login warm ${range(pages.warm)}`,
  );
  console.log(
    `load average during the page loads: ${loadDuringPages.map((l) => l.toFixed(2)).join(", ")}; at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(", ")}`,
  );
  console.log(
    `logins (ms): min ${logins[0]?.toFixed(1)}, max ${logins.at(-1)?.toFixed(1)}; hash profile "fast"`,
  );
  console.log(
    `through the proxy process (ms): min ${viaProxy.tunnelled[0]?.toFixed(1)}, max ${viaProxy.tunnelled.at(-1)?.toFixed(1)}; direct min ${viaProxy.direct[0]?.toFixed(1)}, max ${viaProxy.direct.at(-1)?.toFixed(1)}; tunnels the proxy opened: ${viaProxy.tunnels}`,
  );
  console.log(
    `packaged main bundle start (ms): min ${packaged.startTimes[0]?.toFixed(0)}, max ${packaged.startTimes.at(-1)?.toFixed(0)}`,
  );
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
