import { spawnSync } from "node:child_process";
import fs from "node:fs";

export interface Optimised {
  /** Bytes before and after; equal when nothing was done. */
  before: number;
  after: number;
  /** Why nothing was done, when it was not. */
  skipped: string | null;
}

const size = (files: string[]) => files.reduce((total, file) => total + fs.statSync(file).size, 0);

/**
 * Shrinks PNG screenshots in place with pngquant (a palette of at most 256 colours, which a screen of
 * flat colours and text keeps without a visible change). A file it cannot shrink is left as it was.
 */
export function optimisePngs(files: string[]): Optimised {
  const before = size(files);
  if (files.length === 0) return { before, after: before, skipped: null };
  const probe = spawnSync("pngquant", ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    return { before, after: before, skipped: "pngquant is not installed (Debian: apt-get install pngquant)" };
  }
  const run = spawnSync(
    "pngquant",
    ["--quality=80-98", "--speed=3", "--strip", "--force", "--skip-if-larger", "--ext=.png", "--", ...files],
    { encoding: "utf8" },
  );
  // 98 and 99: the quality floor could not be met, or the result was larger: that file stays as it was.
  if (run.error || (run.status !== 0 && run.status !== 98 && run.status !== 99)) {
    const why = run.error?.message ?? run.stderr.trim().split("\n").at(-1) ?? `exit ${run.status}`;
    throw new Error(`pngquant failed: ${why}`);
  }
  return { before, after: size(files), skipped: null };
}
