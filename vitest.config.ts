import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { stringsPartsPlugin } from "./build/vite-strings-parts.mjs";
import VitestLedgerReporter from "./test/ledger/vitest-reporter.js";

/** Where `npm test` gathers each run's report for its skip ledger (test/ledger/cli.ts); one file per run. */
const reports = process.env["CCMS_TEST_REPORTS"];
const report = reports && path.join(reports, `vitest-${process.pid}.json`);

export default defineConfig({
  // The renderer's modules import the parts of each language's strings as Vite builds them.
  plugins: [stringsPartsPlugin(fileURLToPath(new URL("./renderer/i18n", import.meta.url)))],
  test: {
    include: ["test/unit/**/*.test.{ts,tsx}", "test/integration/**/*.test.ts"],
    // The tests of the shipped programs run the built bundles: built first when missing or stale.
    globalSetup: ["test/support/built-package.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // A `.only` left in a file would shrink the suite without a word: refused, with or without CI.
    allowOnly: false,
    reporters: ["default", ...(report ? [new VitestLedgerReporter(report)] : [])],
  },
});
