import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const packageName = "ccms-terminal-emulator";
const here = fileURLToPath(import.meta.url);

/** The installed package's (or the checkout's) root folder: the nearest package.json of ours above this file. */
export const packageRoot = findPackageRoot(path.dirname(here));

/**
 * How the kit starts the simulator and the browser shell: from the prebuilt bundles shipped in the
 * package (the built kit, or `CCMS_QA_PROCESSES=bundles`), or from the TypeScript sources through tsx
 * (the kit itself running from source, in this repository).
 */
export const processSource: "bundles" | "sources" =
  process.env["CCMS_QA_PROCESSES"] === "bundles" || !here.endsWith(".ts") ? "bundles" : "sources";

/** The Node arguments that run one of the package's programs. */
export function nodeArgsFor(program: "simulator" | "web-shell"): string[] {
  if (processSource === "sources") {
    const entry = program === "simulator" ? "simulator/cli.ts" : "electron/web/cli.ts";
    return ["--import", "tsx", path.join(packageRoot, entry)];
  }
  const bundle = path.join(
    packageRoot,
    "dist-qa",
    `${program === "simulator" ? "simulator-cli" : "web-shell"}.cjs`,
  );
  if (!fs.existsSync(bundle)) {
    throw new Error(`${bundle} is missing: the package was not built (npm run build) before it was packed.`);
  }
  return [bundle];
}

/** The desktop app's main-process bundle, for Playwright's `_electron`. */
export const electronMainBundle = path.join(packageRoot, "dist-electron", "main.cjs");

/** A scenario shipped with the simulator, by name (`launch-day-parallel-run`, …), or undefined. */
export function shippedScenario(name: string): string | undefined {
  const file = path.join(packageRoot, "simulator", "scenarios", `${name}.json`);
  return /^[a-z0-9-]+$/.test(name) && fs.existsSync(file) ? file : undefined;
}

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest)) {
      const { name } = JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string };
      if (name === packageName) return dir;
    }
    if (path.dirname(dir) === dir)
      throw new Error(`The ${packageName} package folder was not found above ${here}.`);
  }
}
