#!/usr/bin/env node
// Runs a command where windows can open: as it is where there is a display (or not Linux), else under
// xvfb-run, a virtual X server, so that Electron's windows open on a machine without a screen (CI).
//   node test/with-display.mjs <command> [args…]
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The command to run: `argv` itself, or `argv` under `xvfb-run`. */
export function displayCommand(argv, env = process.env, platform = process.platform) {
  const hasDisplay = Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
  if (platform !== "linux" || hasDisplay) return { command: argv, virtual: false };
  // -a: the first free display number; the screen as large as a terminal PC's.
  return { command: ["xvfb-run", "-a", "-s", "-screen 0 1280x1024x24", ...argv], virtual: true };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const argv = process.argv.slice(2);
  if (argv.length === 0) {
    console.error("Usage: node test/with-display.mjs <command> [args…]");
    process.exit(64);
  }
  const { command, virtual } = displayCommand(argv);
  if (virtual && spawnSync("xvfb-run", ["--help"], { stdio: "ignore" }).error) {
    console.error(
      "No display here and no xvfb-run to make one: windows cannot open. Install xvfb and xauth (npm test does).",
    );
    process.exit(69);
  }
  const [program = "", ...args] = command;
  const run = spawnSync(program, args, { stdio: "inherit" });
  if (run.error) {
    console.error(`${program}: ${run.error.message}`);
    process.exit(70);
  }
  process.exit(run.status ?? 1);
}
