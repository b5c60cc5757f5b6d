// Bundles the Electron main process and the preload into dist-electron/ (CommonJS).
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Native and optional modules stay outside the bundle and load from node_modules at run time. */
const external = [
  "electron",
  "better-sqlite3",
  "@node-rs/argon2",
  "keytar",
  "smartcard",
  "bufferutil",
  "utf-8-validate",
  "pino-pretty",
];

const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node22",
  sourcemap: true,
  legalComments: "none",
  logLevel: "warning",
  external,
};

await build({
  ...common,
  entryPoints: [path.join(root, "electron/main/index.ts")],
  outfile: path.join(root, "dist-electron/main.cjs"),
  // import.meta.url has no meaning in CommonJS; code that needs its own location uses __dirname there.
  define: { "import.meta.url": "__importMetaUrl" },
  banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
});

await build({
  ...common,
  // A sandboxed preload can require only "electron" and a few Node built-ins: everything else is inlined.
  entryPoints: [path.join(root, "electron/preload/index.ts")],
  outfile: path.join(root, "dist-electron/preload.cjs"),
  external: ["electron"],
});

console.log("Bundled dist-electron/main.cjs and dist-electron/preload.cjs");
