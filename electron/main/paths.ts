import path from "node:path";
import { userGuideFolder } from "../../shared/user-guide.js";

/**
 * Where the bundles and the built renderer are, always relative to the main
 * bundle (so they are found inside a packaged app too). The main process runs
 * as `dist-electron/main.cjs`, so `__dirname` is `dist-electron`; unbundled
 * (tests) it falls back to the working directory's `dist-electron`.
 */
export function appPaths(
  bundleDir = typeof __dirname === "string" ? __dirname : path.resolve("dist-electron"),
) {
  return {
    preload: path.join(bundleDir, "preload.cjs"),
    /** The built-in simulator's own bundle, run in a utility process. */
    simulator: path.join(bundleDir, "simulator.cjs"),
    rendererDir: path.resolve(bundleDir, "..", "dist", "renderer"),
    /** The printed user guide: unpacked beside app.asar in a package, so a PDF viewer can open it. */
    userGuideDir: outsideAsar(path.resolve(bundleDir, "..", "dist", userGuideFolder)),
  };
}

/** `…/app.asar/dist/guide` → `…/app.asar.unpacked/dist/guide`; a path outside an asar is kept. */
export function outsideAsar(file: string): string {
  return file.replace(/\.asar([\\/])/, ".asar.unpacked$1");
}
