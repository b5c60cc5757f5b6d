import type { UtilityProcess } from "electron";
import { linesOf, type ChildChannel, type SimulatorLauncher } from "../host/builtin-simulator/launcher.js";

type Fork = (modulePath: string, args?: string[], options?: Electron.ForkOptions) => UtilityProcess;

/**
 * Runs `script` in an Electron utility process (Node beside the main process,
 * off the thread that drives the windows). Messages sent before the process
 * has spawned wait for it. Call only once the app is ready.
 */
export function utilityLauncher(fork: Fork, script: string): SimulatorLauncher {
  return (): ChildChannel => {
    const child = fork(script, [], {
      serviceName: "CCMS built-in simulator",
      // Nothing of it on stdout; its warnings and errors are piped, for the app's log.
      stdio: ["ignore", "ignore", "pipe"],
    });
    const stderr = linesOf(child.stderr);
    let spawned = false;
    const queued: unknown[] = [];
    child.once("spawn", () => {
      spawned = true;
      for (const message of queued.splice(0)) child.postMessage(message);
    });
    return {
      send: (message) => {
        if (spawned) child.postMessage(message);
        else queued.push(message);
      },
      onMessage: (listener) => child.on("message", listener),
      // After the last of its stderr (at most a second later): a failed start can quote it.
      onExit: (listener) =>
        child.once("exit", (code) => {
          const late = new Promise<void>((resolve) => setTimeout(resolve, 1_000).unref());
          void Promise.race([stderr.ended, late]).then(() => listener(code));
        }),
      onError: (listener) =>
        child.on("error", (type, location) => listener(new Error(`${type} at ${location}`))),
      kill: () => {
        child.kill();
      },
      onStderrLine: stderr.onLine,
    };
  };
}
