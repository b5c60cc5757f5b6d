import { fork, type ChildProcess } from "node:child_process";

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
}

/**
 * Starts the built-in simulator's script in a process of the shell's kind:
 * an Electron utility process in the desktop app, a Node child process in the
 * browser shell. The host only knows this function.
 */
export type SimulatorLauncher = () => ChildChannel;

/**
 * What keeps the simulator's process small: V8's young generation held at 1 MB a half (it grows to
 * 16 MB while the process starts, and keeps that), and on Linux, freed blocks of 1 MiB or more (an
 * argon2id hash takes 19 MiB) given back to the system at once rather than kept by glibc's allocator.
 */
const leanExecArgv = ["--max-semi-space-size=1"];
const leanEnv = { MALLOC_MMAP_THRESHOLD_: String(1024 * 1024) };

/** Runs `script` (JavaScript, or TypeScript with `--import tsx` in `execArgv`) as a Node child process. */
export function forkLauncher(script: string, execArgv: string[] = []): SimulatorLauncher {
  return () => {
    const child = fork(script, [], {
      execArgv: [...leanExecArgv, ...execArgv],
      env: { ...leanEnv, ...process.env },
      // Its stdout is not ours to share: the browser shell prints exactly one line there.
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    });
    return channelOf(child);
  };
}

/** A forked Node child process (one with an IPC channel) as the host sees it. */
export function channelOf(child: ChildProcess): ChildChannel {
  return {
    send: (message) => {
      if (child.connected) child.send(message as object);
    },
    onMessage: (listener) => child.on("message", listener),
    onExit: (listener) => child.once("exit", (code) => listener(code)),
    onError: (listener) => child.on("error", listener),
    kill: () => {
      child.kill("SIGTERM");
    },
  };
}
