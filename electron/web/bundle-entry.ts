import path from "node:path";
import { fileURLToPath } from "node:url";
import { forkLauncher } from "../host/builtin-simulator/launcher.js";
import { runWebShell } from "./run-web-shell.js";

// The browser shell as shipped (`dist-qa/web-shell.cjs`): the package root is one folder up, and the
// built-in simulator runs from the desktop app's own simulator bundle in a Node child process.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

runWebShell({
  root,
  simulatorLauncher: async () => forkLauncher(path.join(root, "dist-electron", "simulator.cjs")),
});
