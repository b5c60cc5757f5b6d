import path from "node:path";
import { fileURLToPath } from "node:url";
import { runWebShell } from "./run-web-shell.js";

// The browser shell from its sources (`npm run web`): the built-in simulator's entry runs through tsx.
runWebShell({
  root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", ".."),
  simulatorLauncher: async () =>
    (await import("../host/builtin-simulator/source-launcher.js")).sourceSimulatorLauncher(),
});
