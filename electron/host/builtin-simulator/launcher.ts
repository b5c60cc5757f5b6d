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

/**
 * What keeps the simulator's process small: V8's young generation held at 1 MB a half (it grows to
 * 16 MB while the process starts, and keeps that), V8 told to favour size over speed (argon2id's
 * WebAssembly runs as fast), and on Linux, freed blocks of 1 MiB or more (an argon2id hash takes
 * 19 MiB) given back to the system at once rather than kept by glibc's allocator.
 */
const leanExecArgv = ["--max-semi-space-size=1", "--optimize-for-size"];
const leanEnv = { MALLOC_MMAP_THRESHOLD_: String(1024 * 1024) };

/** Runs `script` (JavaScript, or TypeScript with `--import tsx` in `execArgv`) as a Node child process. */
export function forkLauncher(script: string, execArgv: string[] = []): SimulatorLauncher {
  return () => {
    const child = fork(script, [], {
      execArgv: [...leanExecArgv, ...execArgv],
      env: { ...leanEnv, ...process.env },
      // Its stdout is not ours to share: the browser shell prints exactly one line there. Its stderr is
      // piped: the host keeps it in the log (and passes it on to its own stderr).
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    return channelOf(child);
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
