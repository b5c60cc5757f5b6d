// Bundles the Electron main process and the preload into dist-electron/ (CommonJS).
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Where the bundles go; a test may point it elsewhere. */
const outDir = path.resolve(process.env.CCMS_BUNDLE_OUT ?? path.join(root, "dist-electron"));

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
  outfile: path.join(outDir, "main.cjs"),
  // import.meta.url has no meaning in CommonJS; code that needs its own location uses __dirname there.
  define: { "import.meta.url": "__importMetaUrl" },
  banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
});

await build({
  ...common,
  // The practice card in the PC/SC virtual reader is served from a thread of its own (see virtual-card-thread.ts).
  entryPoints: [path.join(root, "simulator/smartcard/virtual-card-worker.ts")],
  outfile: path.join(outDir, "virtual-card-worker.cjs"),
});

await build({
  ...common,
  // A sandboxed preload can require only "electron" and a few Node built-ins: everything else is inlined.
  entryPoints: [path.join(root, "electron/preload/index.ts")],
  outfile: path.join(outDir, "preload.cjs"),
  external: ["electron"],
  minify: true,
});

console.log(
  `Bundled ${path.relative(root, outDir) || "."}/main.cjs, preload.cjs and virtual-card-worker.cjs`,
);
