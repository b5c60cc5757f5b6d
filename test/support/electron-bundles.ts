import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const projectRoot = path.resolve(import.meta.dirname, "../..");

/** Runs build/bundle-electron.mjs into a fresh temporary folder; returns it (the bundles are in `dist-electron/`). */
export function buildBundles(label: string): string {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `ccms-${label}-`));
  execFileSync(process.execPath, [path.join(projectRoot, "build/bundle-electron.mjs")], {
    env: { ...process.env, CCMS_BUNDLE_OUT: path.join(work, "dist-electron") },
    stdio: "pipe",
  });
  return work;
}

/** The stand-in `electron` module and the drivers that run a bundled main process under Node. */
export const standInDir = path.join(projectRoot, "test/support/electron-bundle");

export interface MainRun {
  code: number | null;
  stderr: string;
  /** Each JSON line the stand-in and the driver printed. */
  lines: Record<string, unknown>[];
}

/**
 * Runs a bundled main process (`main.cjs`) under this Node with the stand-in `electron` module and
 * `driver` (a file of test/support/electron-bundle/), its data in `dataDir`; resolves when it exits.
 */
export function runBundledMain(
  mainBundle: string,
  driver: string,
  options: { dataDir: string; cwd: string; env: NodeJS.ProcessEnv },
): Promise<MainRun> {
  const child = spawn(
    process.execPath,
    [
      "--require",
      path.join(standInDir, "resolve-electron.cjs"),
      "--require",
      path.join(standInDir, driver),
      mainBundle,
      "--data",
      options.dataDir,
    ],
    { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      const lines = stdout
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      resolve({ code, stderr, lines });
    }),
  );
}

export interface CheckRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts a bundled main process (`main.cjs`) under this Node with the stand-in `electron` module and
 * `args` as the installed app's command line (`--check …`), as IT would start the app; resolves when it exits.
 */
export function runBundledCheck(
  mainBundle: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<CheckRun> {
  const child = spawn(
    process.execPath,
    ["--require", path.join(standInDir, "resolve-electron.cjs"), mainBundle, ...args],
    { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stdout, stderr })));
}
