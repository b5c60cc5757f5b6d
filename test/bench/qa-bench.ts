/**
 * `npm run bench:qa`: how long the QA kit makes a test wait, as a user's project gets it (the kit
 * starting the simulator and the browser shell from their shipped bundles). Ten rounds, each a fresh
 * Playwright worker: the simulator fixture's set-up, the terminal's (its test-scoped fixtures: data
 * folder, browser shell, browser context and page, the login screen), and a whole password + OTP
 * sign-in test in a worker whose simulator is up. Prints the medians against the targets.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

interface Sample {
  test: string;
  durationMs: number;
  status: string;
  fixtures: Record<string, number>;
}

const terminalFixtures = ["terminalDataDir", "webShell", "context", "page", "terminal"];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

const fixture = (sample: Sample, name: string) =>
  sample.fixtures[`Fixture "${name}"`] ?? sample.fixtures[name] ?? 0;

function main(): void {
  console.log("Building the renderer and the kit's bundles…");
  execFileSync("npm", ["run", "build:renderer", "--silent"], { cwd: root, stdio: "inherit" });
  execFileSync("npm", ["run", "build:qa", "--silent"], { cwd: root, stdio: "inherit" });
  const loadBefore = os.loadavg();
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ccms-qa-bench-")), "samples.json");
  execFileSync("npx", ["playwright", "test", "-c", "test/bench/qa/playwright.config.ts"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, CCMS_QA_BENCH_OUT: out, CCMS_QA_PROCESSES: "bundles" },
  });
  const samples = JSON.parse(fs.readFileSync(out, "utf8")) as Sample[];
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  const failed = samples.filter((sample) => sample.status !== "passed");
  if (failed.length > 0) throw new Error(`${failed.length} timed test(s) did not pass`);
  const first = samples.filter((sample) => sample.test.endsWith("first signInWithOtp"));
  const second = samples.filter((sample) => sample.test.endsWith("second signInWithOtp"));

  const simulator = first.map((sample) => fixture(sample, "simulator"));
  const terminal = second.map((sample) =>
    terminalFixtures.reduce((sum, name) => sum + fixture(sample, name), 0),
  );
  const wall = second.map((sample) => sample.durationMs);
  const rows: [string, number[], number][] = [
    [
      `Simulator fixture ready (process, HTTPS, seeded users), median of ${simulator.length}`,
      simulator,
      1000,
    ],
    [
      `Terminal fixture ready (browser shell, page, login screen), median of ${terminal.length}`,
      terminal,
      1500,
    ],
    [`One full signInWithOtp test, wall time (simulator up), median of ${wall.length}`, wall, 3000],
  ];
  const cells = rows.map(([measure, values, target]) => {
    const value = median(values);
    return [
      measure,
      `${(value / 1000).toFixed(2)} s`,
      `≤ ${(target / 1000).toFixed(1)} s`,
      value <= target ? "yes" : "NO",
    ];
  });
  const header = ["Measure", "Value", "Target", "Met"];
  const widths = header.map((title, c) =>
    Math.max(title.length, ...cells.map((row) => (row[c] ?? "").length)),
  );
  const line = (row: string[]) => `| ${row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(" | ")} |`;
  console.log(`\n${line(header)}`);
  console.log(line(widths.map((width) => "-".repeat(width))));
  for (const row of cells) console.log(line(row));
  for (const [measure, values] of rows) {
    const sorted = [...values].sort((a, b) => a - b);
    console.log(`${measure.split(" (")[0]} (ms): min ${sorted[0]}, max ${sorted.at(-1)}`);
  }
  const terminalParts = terminalFixtures
    .map((name) => `${name} ${median(second.map((sample) => fixture(sample, name)))}`)
    .join(", ");
  console.log(`terminal's fixtures, medians (ms): ${terminalParts}`);
  console.log(
    `load average before / after (1 min): ${loadBefore[0]?.toFixed(2)} / ${os.loadavg()[0]?.toFixed(2)}; ` +
      `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}`,
  );
}

main();
