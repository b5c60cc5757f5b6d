/**
 * The packaged app's figures for `npm run bench`: what `npm run dist:dir` ships (app.asar and the files
 * unpacked beside it: size and count) and how long the packaged main bundle takes to start (loaded,
 * services built, window opened; stand-in Electron under Node, median of N runs).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { listPackage } from "@electron/asar";
import { runBundledMain } from "../support/electron-bundles.js";
import { extractApp, filesBelow, packageApp } from "../support/packaged-app.js";

export interface PackageFigures {
  asarBytes: number;
  /** Files inside app.asar (the unpacked ones excluded). */
  asarFiles: number;
  unpackedBytes: number;
  unpackedFiles: number;
  /** ms from loading main.cjs to its window opening, sorted. */
  startTimes: number[];
}

export async function packageFigures(starts: number): Promise<PackageFigures> {
  const app = packageApp("bench-package");
  const extracted = extractApp(app);
  try {
    const asar = path.join(app.resources, "app.asar");
    const unpackedDir = path.join(app.resources, "app.asar.unpacked");
    const unpacked = filesBelow(unpackedDir);
    const unpackedSet = new Set(unpacked.map((file) => `/${file}`));
    const inAsar = listPackage(asar, { isPack: false }).filter((entry) => {
      const file = entry.split(path.sep).join("/");
      return !unpackedSet.has(file) && fs.statSync(path.join(extracted, file)).isFile();
    });
    const startTimes: number[] = [];
    for (let i = 0; i < starts + 1; i++) {
      const data = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-bench-start-"));
      try {
        const run = await runBundledMain(
          path.join(extracted, "dist-electron/main.cjs"),
          "measure-start.cjs",
          {
            dataDir: data,
            cwd: extracted,
            env: { ...process.env, NODE_PATH: "" },
          },
        );
        const at = run.lines.find((line) => "startMs" in line)?.["startMs"];
        if (run.code !== 0 || typeof at !== "number")
          throw new Error(`the packaged main bundle did not start: ${run.stderr}`);
        // The first start warms this machine's disk cache: not counted.
        if (i > 0) startTimes.push(at);
      } finally {
        fs.rmSync(data, { recursive: true, force: true });
      }
    }
    return {
      asarBytes: fs.statSync(asar).size,
      asarFiles: inAsar.length,
      unpackedBytes: unpacked.reduce((sum, file) => sum + fs.statSync(path.join(unpackedDir, file)).size, 0),
      unpackedFiles: unpacked.length,
      startTimes: startTimes.sort((a, b) => a - b),
    };
  } finally {
    fs.rmSync(extracted, { recursive: true, force: true });
    app.remove();
  }
}
