import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { browserShellBundle, browserShellCommand } from "../../bin/launch-plan.mjs";

export const projectRoot = path.resolve(import.meta.dirname, "../..");
/** What `npm run web` and `npm start`'s fallback run once the package is built. */
const webShellBundle = browserShellBundle(projectRoot);

export interface BuiltShell {
  child: ChildProcess;
  launchUrl: string;
  origin: string;
  token: string;
  /** ms from the spawn to the "ready at" line. */
  readyMs: number;
  /** Calls one of the shell's contract methods as the page does. */
  call(method: string, input?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  stop(): Promise<void>;
}

/**
 * Starts the built browser shell (with its built-in simulator) in a fresh data folder, with the command
 * `npm start`'s fallback uses (the same as `npm run web`'s).
 */
export async function startBuiltShell(extraArgs: string[] = []): Promise<BuiltShell> {
  if (!fs.existsSync(webShellBundle))
    throw new Error(`${webShellBundle} is missing: run npm run build first.`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-bench-shell-"));
  const command = browserShellCommand(projectRoot, process.execPath, [
    "--port",
    "0",
    "--data",
    dataDir,
    ...extraArgs,
  ]);
  const started = performance.now();
  const child = spawn(command.file, command.args, { cwd: projectRoot, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const line = await new Promise<string>((resolve, reject) => {
      if (!child.stdout) throw new Error("the shell has no stdout");
      const lines = createInterface({ input: child.stdout });
      lines.once("line", resolve);
      child.once("exit", (code) =>
        reject(new Error(`the shell exited (${code}) before it was ready: ${stderr}`)),
      );
    });
    const readyMs = performance.now() - started;
    const match = /^CCMS Terminal ready at (http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)$/.exec(line);
    if (!match) throw new Error(`unexpected first line: ${line}`);
    const [, origin = "", token = ""] = match;
    const call = async (method: string, input: unknown = {}) => {
      const response = await fetch(`${origin}/api/${method}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify(input),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    return { child, launchUrl: `${origin}/#token=${token}`, origin, token, readyMs, call, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Resolves once the built-in simulator has started (the app no longer says "starting"). */
export async function untilSimulatorUp(shell: BuiltShell, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await shell.call("app.info");
    if (!(body["server"] as { starting: boolean }).starting) return;
    if (Date.now() > deadline) throw new Error("the built-in simulator did not start");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
