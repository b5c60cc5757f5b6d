import path from "node:path";
import { fileURLToPath } from "node:url";
import { runWebShell } from "./run-web-shell.js";

// The browser shell from its sources, as the end-to-end tests and the QA kit in this repository start it
// (`npm run web` runs the bundle, `dist-qa/web-shell.cjs`): the built-in simulator's entry runs through tsx.
runWebShell({
  root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", ".."),
  simulatorLauncher: async () =>
    (await import("../host/builtin-simulator/source-launcher.js")).sourceSimulatorLauncher(),
});
