// Builds the QA kit into dist-qa/: the kit itself (ESM, with type declarations), and the programs it
// starts as a user would, bundled so an installed package runs them without TypeScript or tsx:
// the simulator's CLI, the browser shell, the ccms-check connectivity check and the ccms-sim control
// CLI (CommonJS).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { inlineArgon2Wasm, wasmLoader } from "./inline-argon2-wasm.mjs";

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

await Promise.all([
  bundle({
    ...programs,
    entryPoints: [path.join(root, "simulator/cli.ts")],
    outfile: path.join(outDir, "simulator-cli.cjs"),
  }),
  bundle({
    // The simulator CLI's password-hashing threads load this file from beside it (see hash-pool.ts).
    ...programs,
    entryPoints: [path.join(root, "simulator/crypto/password-hash-worker.ts")],
    outfile: path.join(outDir, "password-hash-worker.cjs"),
    plugins: [inlineArgon2Wasm],
    loader: wasmLoader,
  }),
  bundle({
    ...programs,
    entryPoints: [path.join(root, "electron/web/bundle-entry.ts")],
    outfile: path.join(outDir, "web-shell.cjs"),
  }),
  bundle({
    ...programs,
    entryPoints: [path.join(root, "electron/services/connectivity/cli-bundle-entry.ts")],
    outfile: path.join(outDir, "ccms-check.cjs"),
  }),
  bundle({
    ...programs,
    entryPoints: [path.join(root, "qa/cli/ccms-sim.ts")],
    outfile: path.join(outDir, "ccms-sim.cjs"),
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

console.log(
  `Bundled ${path.relative(root, outDir) || "."}/: index.js (+ types), simulator-cli.cjs (+ password-hash-worker.cjs), web-shell.cjs, ccms-check.cjs, ccms-sim.cjs`,
);
