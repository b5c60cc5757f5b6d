#!/usr/bin/env node
// Starts the desktop app, fetching Electron's binary first if it is missing; where it cannot be had,
// starts the browser shell instead so the product still runs. The decisions are in launch-plan.mjs.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  browserShellBundle,
  browserShellCommand,
  downloadFailure,
  electronBinary,
  sandboxAdvice,
  stopPlan,
} from "./launch-plan.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const electronDir = path.join(root, "node_modules", "electron");
const args = process.argv.slice(2);

let binary = electronBinary(electronDir);
let missing = "";
if (binary === null && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  missing = "its download is switched off by ELECTRON_SKIP_BINARY_DOWNLOAD";
} else if (binary === null) {
  console.error("Electron's binary is not installed yet; downloading it…");
  // Its output is kept: on failure it is a stack trace, of which one line says why.
  const install = spawnSync(process.execPath, [path.join(electronDir, "install.js")], {
    cwd: electronDir,
    encoding: "utf8",
  });
  binary = electronBinary(electronDir);
  if (binary === null) {
    missing =
      install.error?.message ??
      (install.status === 0
        ? "its installer put no binary where it was expected"
        : downloadFailure(`${install.stderr}\n${install.stdout}`));
  }
}

if (binary === null) {
  // The same app, the same services and the same built-in simulator, in the browser shell instead.
  console.error(
    `Electron's binary could not be had (${missing}): starting the browser shell instead; open the address printed below.`,
  );
  const bundle = browserShellBundle(root);
  if (!fs.existsSync(bundle)) {
    console.error(`The browser shell is not built (${bundle} is missing): run npm run build first.`);
    process.exit(69);
  }
  const command = browserShellCommand(root, process.execPath, args);
  supervise(spawn(command.file, command.args, { stdio: "inherit", cwd: root }), "browser shell");
} else {
  // stderr passes through here too, so that a refused sandbox can be explained.
  const electron = spawn(binary, [root, ...args], { stdio: ["inherit", "inherit", "pipe"], cwd: root });
  let stderr = "";
  electron.stderr.on("data", (chunk) => {
    process.stderr.write(chunk);
    stderr = (stderr + chunk.toString("utf8")).slice(-16_384);
  });
  supervise(electron, "electron", (code) => {
    if (code === 0 || process.platform !== "linux") return;
    const advice = sandboxAdvice(stderr, binary);
    if (advice) console.error(`\n${advice.join("\n")}`);
  });
}

function supervise(child, kind, onFailure = () => {}) {
  child.on("error", (error) => {
    console.error(`The ${kind === "electron" ? "desktop app" : kind} could not be started: ${error.message}`);
    process.exit(70);
  });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      const plan = stopPlan(signal, process.platform, kind);
      if (plan.action === "signal") child.kill(plan.signal);
      if (plan.action === "close-windows" && child.pid !== undefined) {
        spawn("taskkill", ["/pid", String(child.pid)], { stdio: "ignore" }).on("error", () => child.kill());
      }
    });
  }
  child.on("exit", (code, signal) => {
    const status = code ?? (signal ? 1 : 0);
    if (status !== 0) onFailure(status);
    process.exit(status);
  });
}
