import path from "node:path";
import { defineConfig, type ReporterDescription } from "@playwright/test";
import { chromiumArgs, chromiumExecutable } from "./test/support/chromium.js";

/** Where `npm test` gathers each run's report for its skip ledger (test/ledger/cli.ts); one file per run. */
const reports = process.env["CCMS_TEST_REPORTS"];
const ledgerReport: ReporterDescription[] = reports
  ? [["json", { outputFile: path.join(reports, `playwright-${process.pid}.json`) }]]
  : [];

export default defineConfig({
  globalSetup: "./test/e2e/web/global-setup.ts",
  workers: process.env.CI ? 1 : 2,
  fullyParallel: false,
  // A `.only` left in a file would shrink the suite without a word: refused, with or without CI.
  forbidOnly: true,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ...ledgerReport],
  outputDir: "test-results",
  use: {
    browserName: "chromium",
    headless: true,
    launchOptions: { executablePath: chromiumExecutable, args: chromiumArgs },
    locale: "en-GB",
    trace: "retain-on-failure",
    actionTimeout: 15_000,
  },
  projects: [
    { name: "web", testDir: "test/e2e/web" },
    { name: "electron", testDir: "test/e2e/electron" },
  ],
});
