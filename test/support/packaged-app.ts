import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { extractAll } from "@electron/asar";
import { projectRoot } from "./electron-bundles.js";

export interface PackagedApp {
  /** The staging project the package was built from (the repository's package.json and node_modules). */
  stage: string;
  /** The unpacked app folder electron-builder wrote (`release/linux-unpacked`). */
  appDir: string;
  resources: string;
  /** What `build/dist.mjs` printed. */
  output: string;
  remove(): void;
}

/**
 * The repository's node_modules as a real folder of the stage, hard-linked file by file (copied
 * where the temporary folder is on another file system). electron-builder asks npm which modules
 * are production ones, and npm reading a symlinked node_modules can take every module for
 * extraneous and leave out what the native modules need at run time.
 */
function linkNodeModules(from: string, to: string): void {
  try {
    execFileSync("cp", ["-al", from, to], { stdio: ["ignore", "ignore", "pipe"] });
  } catch {
    fs.rmSync(to, { recursive: true, force: true });
    fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true });
  }
}

/**
 * Builds the app as `npm run dist:dir` does, without touching the repository's own build output: the
 * renderer, the bundles and the user guide are built into a temporary staging project (the repository's package.json,
 * its node_modules and build resources linked in), and build/dist.mjs packages that.
 */
export function packageApp(label: string): PackagedApp {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), `ccms-${label}-`));
  for (const file of ["package.json", "package-lock.json"]) {
    fs.copyFileSync(path.join(projectRoot, file), path.join(stage, file));
  }
  linkNodeModules(path.join(projectRoot, "node_modules"), path.join(stage, "node_modules"));
  fs.symlinkSync(path.join(projectRoot, "build"), path.join(stage, "build"), "dir");
  const run = (args: string[], env: Record<string, string> = {}) =>
    execFileSync(process.execPath, args, {
      cwd: projectRoot,
      env: { ...process.env, ...env },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  const vite = path.join(projectRoot, "node_modules/vite/bin/vite.js");
  run([vite, "build", "--logLevel", "warn", "--outDir", path.join(stage, "dist/renderer"), "--emptyOutDir"]);
  run([path.join(projectRoot, "build/bundle-electron.mjs")], {
    CCMS_BUNDLE_OUT: path.join(stage, "dist-electron"),
  });
  run([
    "--import",
    "tsx",
    path.join(projectRoot, "build/docs/guide.ts"),
    "--out",
    path.join(stage, "dist/guide"),
  ]);
  const output = run([path.join(projectRoot, "build/dist.mjs"), "--dir", "--projectDir", stage], {
    CCMS_RELEASE_OUT: path.join(stage, "release"),
  });
  const release = path.join(stage, "release");
  const folder = fs.readdirSync(release).find((name) => name.endsWith("-unpacked"));
  if (!folder) throw new Error(`no unpacked app in ${release}:\n${output}`);
  const appDir = path.join(release, folder);
  return {
    stage,
    appDir,
    resources: path.join(appDir, "resources"),
    output,
    remove: () => fs.rmSync(stage, { recursive: true, force: true }),
  };
}

/** Extracts app.asar (its unpacked files included) into a fresh folder outside the repository. */
export function extractApp(app: PackagedApp): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-extracted-"));
  extractAll(path.join(app.resources, "app.asar"), dir);
  return dir;
}

/** Every file below `dir`, relative to it, with `/` separators. */
export function filesBelow(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

/** The environment without `NODE_PATH`, so a module the package lacks cannot be found elsewhere. */
export function withoutNodePath(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy["NODE_PATH"];
  return copy;
}
