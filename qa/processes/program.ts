import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

/** A program of the package running as a child process, started by `startProgram`. */
export interface RunningProgram {
  /** The match of the line that said it was ready. */
  readonly ready: RegExpMatchArray;
  /** Everything it printed so far, stdout and stderr (the last 64 KB). */
  output(): string;
  /** SIGTERM, SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface ProgramOptions {
  /** What it is, for error messages ("the simulator"). */
  name: string;
  /** Node's arguments: the script and its flags. */
  args: string[];
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** The stdout line that means it is ready. */
  readyLine: RegExp;
  timeoutMs: number;
}

const keep = 64 * 1024;

/** Runs a Node program of the package and waits for its ready line; throws with what it printed if it ends first. */
export async function startProgram(options: ProgramOptions): Promise<RunningProgram> {
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", ...options.env },
  });
  let printed = "";
  const record = (chunk: Buffer) => {
    printed = (printed + chunk.toString()).slice(-keep);
  };
  child.stdout?.on("data", record);
  child.stderr?.on("data", record);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  const stop = (graceMs = 5000) => stopChild(child, exited, graceMs);
  try {
    const ready = await readyLine(child, options, () => printed);
    return { ready, output: () => printed, stop };
  } catch (error) {
    await stop(1000);
    throw error;
  }
}

function readyLine(child: ChildProcess, options: ProgramOptions, printed: () => string) {
  return new Promise<RegExpMatchArray>((resolve, reject) => {
    if (!child.stdout) throw new Error(`${options.name} has no stdout`);
    const lines = createInterface({ input: child.stdout });
    const settle = () => {
      clearTimeout(timer);
      lines.close();
      child.off("exit", onExit);
      child.off("error", onError);
    };
    const fail = (why: string) => {
      settle();
      const said = printed().trim();
      reject(new Error(`${options.name} did not start: ${why}.${said ? `\nIt printed:\n${said}` : ""}`));
    };
    const timer = setTimeout(() => fail(`no ready line within ${options.timeoutMs} ms`), options.timeoutMs);
    const onExit = (code: number | null, signal: string | null) =>
      fail(`it exited (${signal ?? `code ${code}`}) before it was ready`);
    const onError = (error: Error) => fail(error.message);
    child.once("exit", onExit);
    child.once("error", onError);
    lines.on("line", (line) => {
      const match = options.readyLine.exec(line.trim());
      if (!match) return;
      settle();
      resolve(match);
    });
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}
