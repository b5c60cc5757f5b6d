import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { forkLauncher, type SimulatorLauncher } from "./launcher.js";

/**
 * The built-in simulator's entry run from source (TypeScript through tsx) in a
 * Node child process: for the browser shell, which runs from source itself,
 * and for tests. The desktop app runs the bundled `simulator.cjs` instead.
 */
export function sourceSimulatorLauncher(): SimulatorLauncher {
  const entry = fileURLToPath(new URL("../../../simulator/child/entry.ts", import.meta.url));
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  return forkLauncher(entry, ["--import", tsx]);
}
