import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";

export interface BrowserShell {
  /** The address printed by the shell, with `#token=…`. */
  launchUrl: string;
  origin: string;
  token: string;
  dataDir: string;
  stop(): Promise<void>;
}

const READY = /^CCMS Terminal ready at (http:\/\/127\.0\.0\.1:\d+\/#token=(\S+))$/;

/**
 * Starts `electron/web/cli.ts` on an ephemeral port with a fresh data folder,
 * waits for its one "ready at" line, and stops it (and removes the folder) on `stop`.
 */
export async function startBrowserShell(extraArgs: string[] = [], timeoutMs = 60_000): Promise<BrowserShell> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-e2e-"));
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "electron/web/cli.ts", "--port", "0", "--data", dataDir, ...extraArgs],
    { cwd: process.cwd(), stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  try {
    const match = await readyLine(child, timeoutMs, () => stderr);
    const url = new URL(match[1] ?? "");
    return {
      launchUrl: url.toString(),
      origin: url.origin,
      token: match[2] ?? "",
      dataDir,
      stop: () => stop(child, dataDir),
    };
  } catch (error) {
    await stop(child, dataDir);
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

async function stop(child: ChildProcess, dataDir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/** A browser shell whose 2FA server is `server` (a simulator process, say), trusting its CA file. */
export function startBrowserShellFor(
  server: { url: string; caFile: string },
  extraArgs: string[] = [],
): Promise<BrowserShell> {
  return startBrowserShell(["--server", server.url, "--ca", server.caFile, ...extraArgs]);
}
