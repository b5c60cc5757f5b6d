#!/usr/bin/env node
// Prepares this machine and this checkout, for `npm run setup` and for `npm test` alike:
//   node build/prepare.mjs setup           what the product uses (Debian), the npm packages, a summary
//   node build/prepare.mjs test            the same plus what the tests use; npm packages only when stale
//   node build/prepare.mjs natives [--root <dir>]   only rebuild optional native modules that are missing
//   node build/prepare.mjs summary [--root <dir>]   only print the summary of the optional parts
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { healNativeModules } from "./prepare/native-modules.mjs";
import { optionalPartsSummary } from "./prepare/optional-parts.mjs";
import {
  installCommand,
  installMissing,
  isDebian,
  productPackages,
  testPackages,
} from "./prepare/system-packages.mjs";

const log = (line) => console.log(line);
const fail = (lines) => {
  for (const line of lines) console.error(line);
  process.exit(1);
};

function systemPackages(mode) {
  if (process.platform !== "linux") return;
  if (!isDebian()) {
    log(
      "Not a Debian system: install Python 3, make, a C++ compiler, pkg-config and the development files of pcsclite and libsecret with its package manager.",
    );
    return;
  }
  const required =
    mode === "test"
      ? [...productPackages.required, ...productPackages.optional, ...testPackages]
      : productPackages.required;
  const needed = installMissing(required, log);
  if (needed.missing.length > 0) {
    fail([
      `Missing Debian packages: ${needed.missing.join(" ")} (${needed.reason}).`,
      `Install them with: ${installCommand(needed.missing)}`,
      `then run npm ${mode === "test" ? "test" : "run setup"} again.`,
    ]);
  }
  if (mode === "setup") {
    const optional = installMissing(productPackages.optional, log);
    if (optional.missing.length > 0) {
      log(
        `Not installed (${optional.reason}): ${optional.missing.join(" ")}; the summary below says what that leaves out.`,
      );
    }
  }
}

function npmPackages(root, mode) {
  const stale =
    !fs.existsSync(path.join(root, "node_modules", ".package-lock.json")) ||
    fs.statSync(path.join(root, "package-lock.json")).mtimeMs >
      fs.statSync(path.join(root, "node_modules", ".package-lock.json")).mtimeMs;
  if (mode === "test" && !stale) return;
  log("Installing the npm packages (npm ci)");
  // Electron's binary is fetched on first start instead, so a machine that cannot reach it still installs.
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: "1" },
  });
  if (result.status !== 0) fail([`npm ci failed (exit ${result.status}): see the messages above.`]);
}

function nativeModules(root) {
  const failed = healNativeModules(root, log).filter((each) => !each.ok);
  return failed.map((each) => `The ${each.name} module could not be ${each.how}: see the messages above.`);
}

function electronBinary(root) {
  if (fs.existsSync(path.join(root, "node_modules", "electron", "path.txt"))) return;
  const result = spawnSync(process.execPath, [path.join(root, "node_modules", "electron", "install.js")], {
    cwd: root,
    stdio: "ignore",
  });
  if (result.status !== 0) {
    log(
      "Electron's binary could not be downloaded here: the Electron end-to-end specs will report themselves skipped.",
    );
  }
}

const [mode, ...rest] = process.argv.slice(2);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const rootFlag = rest.indexOf("--root");
const root = rootFlag >= 0 && rest[rootFlag + 1] ? path.resolve(rest[rootFlag + 1]) : repo;

if (mode === "natives") {
  const problems = nativeModules(root);
  if (problems.length > 0) fail(problems);
} else if (mode === "summary") {
  for (const line of optionalPartsSummary(root)) log(line);
} else if (mode === "setup" || mode === "test") {
  systemPackages(mode);
  npmPackages(root, mode);
  const problems = nativeModules(root);
  if (mode === "test") {
    if (problems.length > 0) fail(problems);
    electronBinary(root);
  }
  log("");
  for (const line of optionalPartsSummary(root)) log(line);
} else {
  fail(["Usage: node build/prepare.mjs setup | test | natives | summary [--root <dir>]"]);
}
