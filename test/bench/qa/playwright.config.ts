import { defineConfig } from "@playwright/test";
import { type QaTestFixtures, type QaWorkerFixtures } from "../../../qa/index.js";
import { chromiumArgs, chromiumExecutable } from "../../support/chromium.js";

/** `npm run bench:qa`: the kit's fixtures and one sign-in, timed (see qa-bench.ts). */
export const rounds = 10;

export default defineConfig<QaTestFixtures, QaWorkerFixtures>({
  testDir: ".",
  testMatch: "sign-in.bench.ts",
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  reporter: [["./timing-reporter.ts"]],
  use: {
    browserName: "chromium",
    headless: true,
    launchOptions: { executablePath: chromiumExecutable, args: chromiumArgs },
    locale: "en-GB",
  },
  projects: Array.from({ length: rounds }, (_, index) => ({
    name: `round ${index + 1}`,
    use: { simulatorOptions: { seed: index + 1 } },
  })),
});
