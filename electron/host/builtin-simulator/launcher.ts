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

/** Runs `script` (JavaScript, or TypeScript with `--import tsx` in `execArgv`) as a Node child process. */
export function forkLauncher(script: string, execArgv: string[] = []): SimulatorLauncher {
  return () => {
    // Its stdout is not ours to share: the browser shell prints exactly one line there.
    return channelOf(fork(script, [], { execArgv, stdio: ["ignore", "ignore", "inherit", "ipc"] }));
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
