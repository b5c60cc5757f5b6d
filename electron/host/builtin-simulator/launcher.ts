import { fork, type ChildProcess } from "node:child_process";
import readline from "node:readline";

/** A process the host started, seen through its message channel. */
export interface ChildChannel {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Once, when the process has ended (`null` when a signal ended it). */
  onExit(listener: (code: number | null) => void): void;
  /** When the process could not be started or crashed (the exit still follows, when it ran). */
  onError(listener: (error: Error) => void): void;
  /** Ends the process at once (SIGTERM, or the platform's equivalent). */
  kill(): void;
  /** Each line the process writes to its standard error (piped, so the host can keep it in its log). */
  onStderrLine(listener: (line: string) => void): void;
}

/**
 * Starts the built-in simulator's script in a process of the shell's kind:
 * an Electron utility process in the desktop app, a Node child process in the
 * browser shell. The host only knows this function.
 */
export type SimulatorLauncher = () => ChildChannel;

/** Runs `script` (JavaScript, or TypeScript with `--import tsx` in `execArgv`) as a Node child process. */
export function forkLauncher(script: string, execArgv: string[] = []): SimulatorLauncher {
  return () => {
    // Its stdout is not ours to share: the browser shell prints exactly one line there. Its stderr is
    // piped: the host keeps it in the log (and passes it on to its own stderr).
    return channelOf(fork(script, [], { execArgv, stdio: ["ignore", "ignore", "pipe", "ipc"] }));
  };
}

/** A forked Node child process (one with an IPC channel) as the host sees it. */
export function channelOf(child: ChildProcess): ChildChannel {
  const stderr = linesOf(child.stderr);
  return {
    send: (message) => {
      if (child.connected) child.send(message as object);
    },
    onMessage: (listener) => child.on("message", listener),
    // "close" comes after the last of its stderr has been read: a failure can quote it.
    onExit: (listener) => child.once("close", (code) => listener(code)),
    onError: (listener) => child.on("error", listener),
    kill: () => {
      child.kill("SIGTERM");
    },
    onStderrLine: stderr.onLine,
  };
}

/**
 * The lines of a child's piped stderr, passed on to this process's stderr as they come; `ended`
 * settles when the stream is done (at once when there is none).
 */
export function linesOf(stream: NodeJS.ReadableStream | null | undefined): {
  onLine(listener: (line: string) => void): void;
  ended: Promise<void>;
} {
  const listeners = new Set<(line: string) => void>();
  if (!stream) return { onLine: () => {}, ended: Promise.resolve() };
  const ended = new Promise<void>((resolve) => {
    stream.once("close", () => resolve());
    stream.once("end", () => resolve());
  });
  readline.createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => {
    process.stderr.write(`${line}\n`);
    for (const listener of listeners) listener(line);
  });
  return { onLine: (listener) => listeners.add(listener), ended };
}
