/**
 * `npm run bench:room`: the trainer's view of a room of 200 trainees, on PostgreSQL (a temporary
 * cluster on loopback) as a training room runs it, and on SQLite for comparison.
 *  1. the room's control API answer (`GET /__sim/room`) on loopback HTTPS, p50/p95 of M calls;
 *  2. first render in headless Chromium through the browser shell: from the click on "View the room"
 *     in the Rehearsal panel to the 200 rows drawn and the page idle, the room fetched on the way
 *     (median of N; the panel is opened again before each);
 *  3. a refresh with one trainee changed: from the change to the row drawn again (median of N).
 * Flags: --runs <n> renders (default 10), --calls <n> API answers (default 200), --no-build.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Page } from "@playwright/test";
import { startSimulator, type RunningSimulator } from "../../simulator/index.js";
import { chromiumArgs, chromiumExecutable } from "../support/chromium.js";
import { postgresUnavailable, startPostgres, type PgCluster } from "../support/postgres-cluster.js";
import { request } from "../support/https-request.js";
import { startBrowserShellFor } from "../e2e/web/shell.js";
import { LOCKED_TRAINEES, seedRoom, TRAINEES } from "./room-seed.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "10" },
    calls: { type: "string", default: "200" },
    "no-build": { type: "boolean", default: false },
  },
});
const renderRuns = Number(values.runs);
const apiCalls = Number(values.calls);

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

async function apiAnswers(sim: RunningSimulator, calls: number) {
  const agent = new https.Agent({ ca: sim.caCertPem, keepAlive: true, maxSockets: 1 });
  try {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < calls + 10; i++) {
      const t0 = performance.now();
      const answer = await request(agent, sim.url, "GET", "/__sim/room", undefined, sim.controlToken);
      const t1 = performance.now();
      const trainees = (answer.body["trainees"] as unknown[] | undefined)?.length;
      if (answer.status !== 200 || trainees !== TRAINEES) {
        throw new Error(`the room answered ${answer.status} with ${trainees} trainees`);
      }
      if (i >= 10) times.push(t1 - t0);
      bytes = JSON.stringify(answer.body).length;
    }
    return { times: times.sort((a, b) => a - b), bytes };
  } finally {
    agent.destroy();
  }
}

/** Runs in the page: clicks "View the room" and resolves once every row is drawn and the page is idle. */
const renderRoom = `(async () => {
  const open = [...document.querySelectorAll("button")].find((b) => b.textContent === "View the room");
  if (!open) throw new Error("no View the room button");
  const t0 = performance.now();
  const drawn = new Promise((resolve) => {
    const ready = () => document.querySelectorAll(".room-table tbody tr").length === ${TRAINEES};
    if (ready()) return resolve();
    const observer = new MutationObserver(() => {
      if (ready()) { observer.disconnect(); resolve(); }
    });
    observer.observe(document.body, { subtree: true, childList: true });
  });
  open.click();
  await drawn;
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return performance.now() - t0;
})()`;

/** Runs in the page: resolves when the trainee's row shows `text`, with the time it took from now. */
const rowShows = (userId: string, text: string) => `(async () => {
  const t0 = performance.now();
  const shows = () => document.querySelector('.room-table tr[data-user-id="${userId}"]')?.textContent?.includes(${JSON.stringify(text)});
  await new Promise((resolve) => {
    if (shows()) return resolve();
    const observer = new MutationObserver(() => { if (shows()) { observer.disconnect(); resolve(); } });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return performance.now() - t0;
})()`;

async function openPanel(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Rehearsal" }).click();
  await page.getByRole("button", { name: "View the room" }).waitFor();
}

async function renders(sim: RunningSimulator, runs: number) {
  const shell = await startBrowserShellFor(sim, { env: { CCMS_SIM_TOKEN: sim.controlToken } });
  const browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs });
  const agent = new https.Agent({ ca: sim.caCertPem, keepAlive: true });
  try {
    const page = await browser.newPage();
    await page.goto(shell.launchUrl);
    await page.locator("main[data-screen=login]").waitFor();
    const times: number[] = [];
    // The first render also loads the room's code: a warm-up, not counted.
    for (let i = 0; i < runs + 1; i++) {
      await openPanel(page);
      const ms = Number(await page.evaluate(renderRoom));
      if (i > 0) times.push(ms);
      await page.getByRole("button", { name: "Back", exact: true }).click();
      await page.locator("main[data-screen=login]").waitFor();
    }
    // With the room on screen: a trainee's change reaches their row on the next read (every second).
    await openPanel(page);
    await page.evaluate(renderRoom);
    const updates: number[] = [];
    for (const userId of LOCKED_TRAINEES.slice(0, Math.min(runs, 5))) {
      const shown = page.evaluate(rowShows(userId, "Not locked"));
      const answer = await request(
        agent,
        sim.url,
        "POST",
        `/__sim/room/trainees/${userId}/unlock`,
        {},
        sim.controlToken,
      );
      if (answer.status !== 200) throw new Error(`unlock answered ${answer.status}`);
      updates.push(Number(await shown));
    }
    const rows = await page.locator(".room-table tbody tr").count();
    return { times: times.sort((a, b) => a - b), updates: updates.sort((a, b) => a - b), rows };
  } finally {
    agent.destroy();
    await browser.close();
    await shell.stop();
  }
}

async function measure(label: string, database: { url: string } | undefined, withRender: boolean) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-room-bench-"));
  const sim = await startSimulator({
    dataDir,
    hashProfile: "fast",
    quiet: true,
    ...(database === undefined ? {} : { database }),
  });
  try {
    await seedRoom(sim);
    const api = await apiAnswers(sim, apiCalls);
    const render = withRender ? await renders(sim, renderRuns) : null;
    return { label, api, render };
  } finally {
    await sim.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function print(results: Awaited<ReturnType<typeof measure>>[]): void {
  const rows: Array<[string, string, string, boolean | null]> = [];
  for (const { label, api, render } of results) {
    const p50 = percentile(api.times, 50);
    const p95 = percentile(api.times, 95);
    rows.push([
      `Room API answer on loopback, ${label}, p50 (n=${api.times.length})`,
      `${p50.toFixed(1)} ms`,
      "",
      null,
    ]);
    rows.push([
      `Room API answer on loopback, ${label}, p95 (n=${api.times.length})`,
      `${p95.toFixed(1)} ms`,
      "≤ 50 ms",
      p95 <= 50,
    ]);
    if (render) {
      const median = percentile(render.times, 50);
      rows.push([
        `Room of ${TRAINEES} trainees, first render to idle, ${label}, median of ${render.times.length}`,
        `${median.toFixed(0)} ms`,
        "≤ 300 ms",
        median <= 300,
      ]);
      rows.push([
        `A trainee's change drawn in the open room, ${label}, median of ${render.updates.length}`,
        `${percentile(render.updates, 50).toFixed(0)} ms`,
        "≤ 2000 ms",
        percentile(render.updates, 50) <= 2000,
      ]);
    }
  }
  const header = ["Measure", "Value", "Target", "Met"];
  const widths = header.map((title, c) =>
    Math.max(title.length, ...rows.map((r) => String(r[c] ?? "").length)),
  );
  const line = (cells: string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(" | ")} |`;
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const [measureName, value, target, met] of rows) {
    console.log(line([measureName, value, target, met === null ? "" : met ? "yes" : "NO"]));
  }
  for (const { label, api, render } of results) {
    console.log(
      `\n${label}: room API (ms) min ${api.times[0]?.toFixed(1)} max ${api.times.at(-1)?.toFixed(1)}; ` +
        `answer ${(api.bytes / 1024).toFixed(0)} KB of JSON`,
    );
    if (render) {
      console.log(
        `${label}: renders (ms) min ${render.times[0]?.toFixed(0)} max ${render.times.at(-1)?.toFixed(0)}; ` +
          `${render.rows} rows drawn; updates (ms) ${render.updates.map((u) => u.toFixed(0)).join(", ")}`,
      );
    }
  }
  console.log(
    `load average: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" / ")}`,
  );
}

async function main(): Promise<void> {
  if (!values["no-build"]) execFileSync("npm", ["run", "build:renderer", "--silent"], { stdio: "inherit" });
  console.log(
    `Room bench: ${TRAINEES} trainees, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}\n`,
  );
  const results: Awaited<ReturnType<typeof measure>>[] = [];
  const missing = postgresUnavailable();
  let cluster: PgCluster | undefined;
  try {
    if (missing === null) {
      cluster = await startPostgres();
      results.push(await measure("PostgreSQL", { url: await cluster.createDatabase("room_bench") }, true));
    } else {
      console.log(`PostgreSQL skipped: ${missing}`);
    }
    results.push(await measure("SQLite", undefined, missing !== null));
  } finally {
    cluster?.remove();
  }
  print(results);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
