// Bundles the Electron main process, the preload and the built-in simulator's process into dist-electron/ (CommonJS).
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inlineArgon2Wasm, wasmLoader } from "./inline-argon2-wasm.mjs";
import { assertAscii, leanOptions } from "./lean-bundles.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Where the bundles go; a test may point it elsewhere. */
const outDir = path.resolve(process.env.CCMS_BUNDLE_OUT ?? path.join(root, "dist-electron"));

/** Native and optional modules stay outside the bundles and load from node_modules at run time. */
const external = [
  "electron",
  "@photostructure/sqlite",
  "@github/keytar",
  // Loaded only for Negotiate proxy authentication, which this app does not use.
  "kerberos",
  "smartcard",
  "bufferutil",
  "utf-8-validate",
  "pino-pretty",
  // pg's optional libpq binding: the simulator uses pg's pure-JavaScript client only.
  "pg-native",
];

const common = {
  ...leanOptions,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node22",
  sourcemap: true,
  legalComments: "none",
  logLevel: "warning",
  external,
  // No banner: a "use strict" directive counts only as the file's first statement, so it must stay there.
  define: { "import.meta.url": "importMetaUrl" },
  inject: [path.join(root, "build/import-meta-url.js")],
};

await build({
  ...common,
  entryPoints: [path.join(root, "electron/main/index.ts")],
  outfile: path.join(outDir, "main.cjs"),
});

await build({
  ...common,
  // Runs in an Electron utility process (a Node child process in tests): HTTPS server, SQLite, argon2.
  entryPoints: [path.join(root, "simulator/child/entry.ts")],
  outfile: path.join(outDir, "simulator.cjs"),
});

await build({
  ...common,
  // The simulator's password hashing (argon2id in WebAssembly) runs on threads of its own (see hash-pool.ts).
  entryPoints: [path.join(root, "simulator/crypto/password-hash-worker.ts")],
  outfile: path.join(outDir, "password-hash-worker.cjs"),
  plugins: [...leanOptions.plugins, inlineArgon2Wasm],
  loader: wasmLoader,
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
  define: {},
  inject: [],
  minify: true,
});

assertAscii(
  ["main.cjs", "simulator.cjs", "preload.cjs", "virtual-card-worker.cjs"].map((name) =>
    path.join(outDir, name),
  ),
);

console.log(
  `Bundled ${path.relative(root, outDir) || "."}/main.cjs, simulator.cjs, password-hash-worker.cjs, preload.cjs and virtual-card-worker.cjs`,
);
