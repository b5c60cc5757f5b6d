import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";

const root = path.resolve(import.meta.dirname, "../../..");

export interface CliRun {
  child: ChildProcess;
  /** What it printed on stderr so far. */
  stderr(): string;
  /** The lines it printed on stdout so far (its start-up lines, and its request log with --log). */
  stdoutLines(): string[];
  url: string;
  caFile: string;
  controlToken: string | null;
  exited: Promise<number | null>;
}

/** Runs `simulator/cli.ts` as its own process, as `npm run simulator` does. */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", path.join(root, "simulator/cli.ts"), ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env,
  });
}

export function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
}

/** Starts the CLI and waits for its start-up lines. */
export async function startCli(args: string[], env?: NodeJS.ProcessEnv): Promise<CliRun> {
  const child = spawnCli(args, env);
  const exited = exitOf(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  if (child.stdout === null) throw new Error("the simulator's stdout is not piped");
  const lines = readline.createInterface({ input: child.stdout });
  const seen: Record<string, string> = {};
  const printed: string[] = [];
  lines.on("line", (line) => printed.push(line));
  // A token given (flag, file or environment) is not printed.
  const wantToken =
    !args.some((arg) => arg.startsWith("--control-token")) && !(env ?? process.env)["CCMS_SIM_CONTROL_TOKEN"];
  await new Promise<void>((resolve, reject) => {
    lines.on("line", (line) => {
      const m = /^(CCMS 2FA simulator listening on|CA certificate:|Control token:) (.+)$/.exec(line);
      if (m?.[1] && m[2]) seen[m[1]] = m[2];
      if (
        seen["CCMS 2FA simulator listening on"] &&
        seen["CA certificate:"] &&
        (!wantToken || seen["Control token:"])
      )
        resolve();
    });
    void exited.then((code) =>
      reject(new Error(`simulator exited (${code}) before it was ready: ${stderr}`)),
    );
  });
  return {
    child,
    stderr: () => stderr,
    stdoutLines: () => [...printed],
    url: seen["CCMS 2FA simulator listening on"] ?? "",
    caFile: seen["CA certificate:"] ?? "",
    controlToken: seen["Control token:"] ?? null,
    exited,
  };
}
