import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/** What `npm run build` makes, which the tests of the shipped programs run (bin/, npm start, npm run web). */
export const builtFiles = [
  "dist/renderer/index.html",
  "dist-electron/main.cjs",
  "dist-electron/preload.cjs",
  "dist-electron/simulator.cjs",
  "dist-electron/virtual-card-worker.cjs",
  "dist-qa/index.js",
  "dist-qa/web-shell.cjs",
  "dist-qa/simulator-cli.cjs",
  "dist-qa/ccms-sim.cjs",
  "dist-qa/ccms-check.cjs",
].map((file) => path.join(root, file));

/** What the build is made from. */
const sources = ["electron", "simulator", "shared", "qa", "renderer", "build"];
const sourceFiles = ["package.json", "package-lock.json", "vite.config.ts", "tsconfig.json"];

function newestSource(): number {
  let newest = 0;
  const visit = (entry: string) => {
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(entry)) visit(path.join(entry, name));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const dir of sources) visit(path.join(root, dir));
  for (const file of sourceFiles) visit(path.join(root, file));
  return newest;
}

/** Why the build must run again (a bundle missing, or a source newer than the oldest bundle), or null. */
export function staleBuild(): string | null {
  const missing = builtFiles.find((file) => !fs.existsSync(file));
  if (missing) return `${path.relative(root, missing)} is missing`;
  const oldest = Math.min(...builtFiles.map((file) => fs.statSync(file).mtimeMs));
  return newestSource() > oldest ? "a source file is newer than the bundles" : null;
}

/**
 * vitest's global set-up: builds the package (`npm run build`) when its bundles are missing or older
 * than the sources, so that the tests of what ships never run yesterday's build. `npm test` builds just
 * before, and this finds nothing to do.
 */
export default function buildIfStale(): void {
  const why = staleBuild();
  if (why === null) return;
  console.log(`Building the package first (${why}): npm run build`);
  // Not vitest's NODE_ENV=test: Vite would build React's development code into the renderer.
  const { NODE_ENV: _testEnv, ...env } = process.env;
  execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit", env });
}
