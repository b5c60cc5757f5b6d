import { startSimulatorProcess, type SimulatorProcess } from "../../support/simulator-process.js";
import { test } from "./fixtures.js";
import { startBrowserShellFor, type BrowserShell } from "./shell.js";

export interface OwnSimulator {
  readonly sim: SimulatorProcess;
  readonly shell: BrowserShell;
}

/**
 * For a spec that moves the simulator's clock or phase: a simulator process and a browser shell of the
 * spec's own, started before its tests (run in order) and stopped after, so no other spec is touched.
 * `simulatorArgs` and `shellArgs` go to each's command line (session limits, the idle lock).
 */
export function useOwnSimulator(
  options: { simulatorArgs?: string[]; shellArgs?: string[] } = {},
): OwnSimulator {
  let sim: SimulatorProcess | undefined;
  let shell: BrowserShell | undefined;
  test.describe.configure({ mode: "serial" });
  test.beforeAll(async () => {
    sim = await startSimulatorProcess(options.simulatorArgs);
    shell = await startBrowserShellFor(sim, {}, options.shellArgs);
  });
  test.afterAll(async () => {
    await shell?.stop();
    await sim?.stop();
  });
  return {
    get sim() {
      if (!sim) throw new Error("the spec's simulator has not started");
      return sim;
    },
    get shell() {
      if (!shell) throw new Error("the spec's browser shell has not started");
      return shell;
    },
  };
}
