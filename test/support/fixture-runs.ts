import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Runs of vitest and Playwright over the fixture files in test/fixtures/runs/, with the repository's own
 * settings: what a focused test, a skip or a page error does to a run, seen from outside it.
 */
export const root = path.resolve(import.meta.dirname, "../..");
const fixtures = path.join(root, "test", "fixtures", "runs");

export interface FixtureRun {
  /** The run's exit code. */
  status: number | null;
  /** What it printed, stdout and stderr. */
  output: string;
  /** The folder each run's report went to (`CCMS_TEST_REPORTS`, as npm test sets it). */
  reports: string;
}

/**
 * Runs a command in the repository as `npm test` would, without `CI` (so nothing depends on it being set),
 * its reports written to `reports`.
 */
export function runInRepository(
  command: string,
  args: string[],
  reports: string,
  extraEnv: Record<string, string> = {},
  timeoutMs = 240_000,
): Promise<FixtureRun> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CCMS_TEST_REPORTS: reports,
    NO_COLOR: "1",
    FORCE_COLOR: "0",
    ...extraEnv,
  };
  delete env["CI"];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", reject);
    child.once("close", (status) => {
      clearTimeout(timer);
      resolve({ status, output, reports });
    });
  });
}

/** A fresh folder for a run's reports, removed by the caller. */
export function reportsFolder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "ccms-fixture-reports-"));
}

/** vitest over some of the fixture files (`skips`, `focused`). */
export function runVitestFixtures(names: string[], reports: string): Promise<FixtureRun> {
  const config = path.join(fixtures, "vitest.config.ts");
  const files = names.map((name) => `test/fixtures/runs/${name}.vitest-fixture.ts`);
  return runInRepository("npx", ["vitest", "run", "--config", config, ...files], reports);
}

/** Playwright over some of the fixture specs (`skips`, `focused`, `page-errors`), with extra CLI flags and variables. */
export function runPlaywrightFixtures(
  names: string[],
  reports: string,
  extra: { args?: string[]; env?: Record<string, string> } = {},
): Promise<FixtureRun> {
  const config = path.join(fixtures, "playwright.config.ts");
  const files = names.map((name) => `${name}.pw-fixture.ts`);
  const output = path.join(reports, "test-results");
  const args = [
    "playwright",
    "test",
    "--config",
    config,
    "--output",
    output,
    ...(extra.args ?? []),
    ...files,
  ];
  return runInRepository("npx", args, reports, extra.env);
}
