import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const projectRoot = path.resolve(import.meta.dirname, "../..");

/** Runs build/bundle-electron.mjs into a fresh temporary folder; returns it (the bundles are in `dist-electron/`). */
export function buildBundles(label: string): string {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `ccms-${label}-`));
  execFileSync(process.execPath, [path.join(projectRoot, "build/bundle-electron.mjs")], {
    env: { ...process.env, CCMS_BUNDLE_OUT: path.join(work, "dist-electron") },
    stdio: "pipe",
  });
  return work;
}
