import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Page } from "@playwright/test";

export interface BrowserShell {
  /** The address printed by the shell, with `#token=…`. */
  launchUrl: string;
  origin: string;
  token: string;
  dataDir: string;
  /** Everything the shell printed so far, stdout and stderr. */
  output(): string;
  stop(): Promise<void>;
}

export interface ShellOptions {
  /** Variables to set (or, with undefined, to remove) in the shell's environment. */
  env?: Record<string, string | undefined>;
  /** A data folder of the caller's, kept on stop (for a restart, or to read what the app wrote). */
  dataDir?: string;
}

const READY = /^CCMS Terminal ready at (http:\/\/127\.0\.0\.1:\d+\/#token=(\S+))$/;

/**
 * Starts `electron/web/cli.ts` on an ephemeral port with a fresh data folder,
 * waits for its one "ready at" line, and stops it (and removes the folder) on `stop`.
 */
export async function startBrowserShell(
  extraArgs: string[] = [],
  timeoutMs = 60_000,
  options: ShellOptions = {},
): Promise<BrowserShell> {
  const ownData = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "ccms-e2e-"));
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "electron/web/cli.ts", "--port", "0", "--data", dataDir, ...extraArgs],
    {
      cwd: process.cwd(),
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1", ...options.env },
    },
  );
  let stderr = "";
  let printed = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
    printed += chunk.toString();
  });
  child.stdout?.on("data", (chunk: Buffer) => {
    printed += chunk.toString();
  });
  try {
    const match = await readyLine(child, timeoutMs, () => stderr);
    const url = new URL(match[1] ?? "");
    return {
      launchUrl: url.toString(),
      origin: url.origin,
      token: match[2] ?? "",
      dataDir,
      output: () => printed,
      stop: () => stop(child, ownData ? dataDir : null),
    };
  } catch (error) {
    await stop(child, ownData ? dataDir : null);
    throw error;
  }
}

function readyLine(child: ChildProcess, timeoutMs: number, stderr: () => string): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) throw new Error("the browser shell has no stdout");
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => fail(`no "ready at" line within ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      lines.close();
      reject(new Error(`The browser shell did not start: ${why}.\n${stderr()}`));
    };
    lines.on("line", (line) => {
      const match = READY.exec(line.trim());
      if (!match) return;
      clearTimeout(timer);
      lines.close();
      resolve(match);
    });
    child.once("exit", (code) => fail(`it exited with code ${code}`));
  });
}

async function stop(child: ChildProcess, dataDir: string | null): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }
  if (dataDir !== null) fs.rmSync(dataDir, { recursive: true, force: true });
}

/** A browser shell whose 2FA server is `server` (a simulator process, say), trusting its CA file. */
export function startBrowserShellFor(
  server: { url: string; caFile: string },
  options: ShellOptions = {},
  extraArgs: string[] = [],
): Promise<BrowserShell> {
  return startBrowserShell(["--server", server.url, "--ca", server.caFile, ...extraArgs], 60_000, options);
}

/**
 * Stops `shell` once `page` has left it (for about:blank), as a window closes before its app: a page
 * whose server goes away while it loads a part of itself throws, and its error would fail the test.
 */
export async function stopShellUnder(page: Page, shell: BrowserShell): Promise<void> {
  if (!page.isClosed()) await page.goto("about:blank");
  await shell.stop();
}
