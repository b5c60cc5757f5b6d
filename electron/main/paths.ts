import path from "node:path";

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
    /** The app's package.json (in a package, what electron-builder wrote: `ccmsSmartcard` among it). */
    packageJson: path.resolve(bundleDir, "..", "package.json"),
  };
}
