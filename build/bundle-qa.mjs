// Builds the QA kit into dist-qa/: the kit itself (ESM, with type declarations), and the package's
// programs, bundled so an installed package runs them with plain Node, without TypeScript or tsx: the
// simulator's CLI and the browser shell (which the kit starts), and the ccms-sim and ccms-check
// commands (CommonJS).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { inlineArgon2Wasm, wasmLoader } from "./inline-argon2-wasm.mjs";
import { assertAscii, axiosNodeOnlyPlugin, leanOptions } from "./lean-bundles.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Where the kit goes; a test may point it elsewhere. */
const outDir = path.resolve(process.env.CCMS_QA_OUT ?? path.join(root, "dist-qa"));

/** Native and optional modules stay outside the bundles and load from node_modules at run time. */
const native = [
  "@photostructure/sqlite",
  "@github/keytar",
  "smartcard",
  "kerberos",
  "bufferutil",
  "utf-8-validate",
  "pino-pretty",
  // pg's optional libpq binding: the simulator uses pg's pure-JavaScript client only.
  "pg-native",
];

const programs = {
  ...leanOptions,
  plugins: [...leanOptions.plugins, axiosNodeOnlyPlugin()],
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  legalComments: "none",
  logLevel: "warning",
  external: [...native, "electron"],
  define: { "import.meta.url": "importMetaUrl" },
  inject: [path.join(root, "build/import-meta-url.js")],
};

fs.rmSync(outDir, { recursive: true, force: true });

/** Builds one bundle and keeps esbuild's account of what it imports (dist-qa/meta/, not shipped). */
async function bundle(options) {
  const { metafile } = await build({ ...options, metafile: true });
  const meta = path.join(outDir, "meta", `${path.basename(options.outfile)}.json`);
  fs.mkdirSync(path.dirname(meta), { recursive: true });
  fs.writeFileSync(meta, JSON.stringify(metafile));
}

/** The package's programs: each one's entry, and the bundle an installed package runs with plain Node. */
const entries = {
  "simulator-cli.cjs": "simulator/cli.ts",
  "web-shell.cjs": "electron/web/bundle-entry.ts",
  "ccms-sim.cjs": "qa/cli/ccms-sim.ts",
  "ccms-check.cjs": "electron/services/connectivity/cli-bundle-entry.ts",
};

await Promise.all([
  ...Object.entries(entries).map(([name, entry]) =>
    bundle({ ...programs, entryPoints: [path.join(root, entry)], outfile: path.join(outDir, name) }),
  ),
  bundle({
    // The simulator CLI's password-hashing threads load this file from beside it (see hash-pool.ts).
    ...programs,
    entryPoints: [path.join(root, "simulator/crypto/password-hash-worker.ts")],
    outfile: path.join(outDir, "password-hash-worker.cjs"),
    plugins: [...programs.plugins, inlineArgon2Wasm],
    loader: wasmLoader,
  }),
  bundle({
    // The kit runs inside the user's Playwright: theirs is the one @playwright/test it may use.
    entryPoints: [path.join(root, "qa/index.ts")],
    outfile: path.join(outDir, "index.js"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    legalComments: "none",
    logLevel: "warning",
    external: ["@playwright/test", "playwright", "playwright-core", "electron"],
  }),
]);

// Declarations only: the JavaScript above is what runs.
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(
  process.execPath,
  [tsc, "-p", path.join(root, "build/tsconfig.qa.json"), "--outDir", path.join(outDir, "types")],
  {
    stdio: "inherit",
  },
);

assertAscii(Object.keys(entries).map((name) => path.join(outDir, name)));

console.log(
  `Bundled ${path.relative(root, outDir) || "."}/: index.js (+ types), ${Object.keys(entries).join(", ")} (+ password-hash-worker.cjs)`,
);
