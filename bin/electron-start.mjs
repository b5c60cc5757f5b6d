#!/usr/bin/env node
// Starts the desktop app, fetching Electron's binary first if it is missing; where it cannot be had,
// starts the browser shell instead so the product still runs.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const electronDir = path.join(root, "node_modules", "electron");

/** The binary node_modules/electron/install.js put in place, or null (the same lookup as electron's index.js). */
function electronBinary() {
  try {
    const relative = fs.readFileSync(path.join(electronDir, "path.txt"), "utf8").trim();
    const binary = path.join(
      process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(electronDir, "dist"),
      relative,
    );
    return fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

let binary = electronBinary();
if (binary === null) {
  console.error("Electron's binary is not installed yet; downloading it…");
  const install = spawnSync(process.execPath, [path.join(electronDir, "install.js")], {
    stdio: "inherit",
    cwd: electronDir,
  });
  if (install.status === 0) binary = electronBinary();
}
if (binary === null) {
  // The same app, the same services and the same built-in simulator, in the browser shell instead.
  console.error(
    [
      "Electron's binary could not be downloaded, so the desktop window cannot open here.",
      "Starting the same app in the browser shell instead: open the address printed below.",
    ].join("\n"),
  );
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  const web = spawn(tsx, [path.join(root, "electron/web/cli.ts"), ...process.argv.slice(2)], {
    stdio: "inherit",
    cwd: root,
  });
  forward(web);
} else {
  forward(spawn(binary, [root, ...process.argv.slice(2)], { stdio: "inherit", cwd: root }));
}

function forward(child) {
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
