import { defineConfig } from "@playwright/test";
import { chromiumArgs, chromiumExecutable } from "./test/support/chromium.js";

export default defineConfig({
  globalSetup: "./test/e2e/web/global-setup.ts",
  workers: process.env.CI ? 1 : 2,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
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
