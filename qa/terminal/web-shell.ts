import { nodeArgsFor, packageRoot } from "../processes/package-files.js";
import { startProgram, type RunningProgram } from "../processes/program.js";

/** The browser shell of the kit's terminal: the app's host on a loopback port, reached by `launchUrl`. */
export interface WebShell {
  /** `http://127.0.0.1:<port>/#token=<token>`: the address to open. */
  readonly launchUrl: string;
  readonly origin: string;
  /** The per-launch token of the shell's `/api` (for calls behind the page). */
  readonly apiToken: string;
  readonly program: RunningProgram;
}

const readyLine = /^CCMS Terminal ready at (http:\/\/127\.0\.0\.1:\d+\/#token=(\S+))$/;

/**
 * Starts the browser shell with a data folder of its own, pointed at `server` (trusting its CA file), or
 * without one at the app's built-in simulator, as a person's `npm start` has it.
 */
export async function launchWebShell(options: {
  server?: { url: string; caFile: string; controlToken: string };
  dataDir: string;
  args?: string[];
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}): Promise<WebShell> {
  const program = await startProgram({
    name: "The CCMS Terminal browser shell",
    args: [
      ...nodeArgsFor("web-shell"),
      "--port=0",
      `--data=${options.dataDir}`,
      ...(options.server ? [`--server=${options.server.url}`, `--ca=${options.server.caFile}`] : []),
      ...(options.args ?? []),
    ],
    cwd: packageRoot,
    // The simulator's control token lets the app show its simulated mailbox.
    env: { ...(options.server ? { CCMS_SIM_TOKEN: options.server.controlToken } : {}), ...options.env },
    readyLine,
    timeoutMs: options.timeoutMs ?? 30_000,
  });
  const launchUrl = program.ready[1] ?? "";
  return { launchUrl, origin: new URL(launchUrl).origin, apiToken: program.ready[2] ?? "", program };
}
