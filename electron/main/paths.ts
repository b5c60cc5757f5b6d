import path from "node:path";

/**
 * Where the bundle and the built renderer are. The main process runs as
 * `dist-electron/main.cjs`, so `__dirname` is `dist-electron`; unbundled
 * (tests) it falls back to the working directory's `dist-electron`.
 */
export function appPaths(
  bundleDir = typeof __dirname === "string" ? __dirname : path.resolve("dist-electron"),
) {
  return {
    preload: path.join(bundleDir, "preload.cjs"),
    rendererDir: path.resolve(bundleDir, "..", "dist", "renderer"),
  };
}
