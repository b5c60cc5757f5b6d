import type { UtilityProcess } from "electron";
import type { ChildChannel, SimulatorLauncher } from "../host/builtin-simulator/launcher.js";

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
      // Nothing of it on stdout; its warnings and errors go to the app's stderr.
      stdio: ["ignore", "ignore", "inherit"],
    });
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
      onExit: (listener) => child.once("exit", (code) => listener(code)),
      onError: (listener) =>
        child.on("error", (type, location) => listener(new Error(`${type} at ${location}`))),
      kill: () => {
        child.kill();
      },
    };
  };
}
