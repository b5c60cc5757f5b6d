import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "tests",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [["list"], ["junit", { outputFile: "results/junit.xml" }]],
  use: {
    // The machine's own Chromium: no browser download.
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: process.getuid?.() === 0 ? ["--no-sandbox"] : [],
    },
  },
});
