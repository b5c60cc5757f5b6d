import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  reportsFolder,
  runInRepository,
  runPlaywrightFixtures,
  runVitestFixtures,
} from "../../support/fixture-runs.js";

// The ledger npm test ends with, over real reports: vitest's and Playwright's, written by the
// repository's own settings, and a JUnit report as the examples project writes one.
const reports = reportsFolder();
afterAll(() => fs.rmSync(reports, { recursive: true, force: true }));

describe("npm test's skip ledger", () => {
  it("fails on skips the allow-list does not name, listing each with its reason, from vitest, Playwright and JUnit", async () => {
    const vitest = await runVitestFixtures(["skips"], reports);
    expect(vitest.status, vitest.output).toBe(0);
    const playwright = await runPlaywrightFixtures(["skips"], reports);
    expect(playwright.status, playwright.output).toBe(0);
    const junit = await runPlaywrightFixtures(["skips"], reports, {
      args: ["--reporter=junit"],
      env: { PLAYWRIGHT_JUNIT_OUTPUT_FILE: path.join(reports, "fixtures.junit.xml") },
    });
    expect(junit.status, junit.output).toBe(0);
    expect(
      fs
        .readdirSync(reports)
        .filter((name) => /\.(json|xml)$/.test(name))
        .sort(),
    ).toEqual([
      "fixtures.junit.xml",
      expect.stringMatching(/^playwright-\d+\.json$/),
      expect.stringMatching(/^vitest-\d+\.json$/),
    ]);

    const ledger = await runInRepository(
      "npx",
      ["tsx", "test/ledger/cli.ts", reports, "--require", "vitest", "--require", "playwright"],
      reports,
    );
    expect(ledger.status, ledger.output).toBe(1);
    const printed = ledger.output;
    expect(printed).toContain("vitest: 4 tests, 3 skipped");
    expect(printed).toContain("playwright: 3 tests, 2 skipped");
    expect(printed).toContain("fixtures: 3 tests, 2 skipped");
    const vitestFile = "vitest test/fixtures/runs/skips.vitest-fixture.ts";
    for (const [test, reason] of [
      [
        `${vitestFile} › on PostgreSQL › is skipped with the reason its describe gives`,
        "PostgreSQL is not installed here (a fixture's reason)",
      ],
      [`${vitestFile} › is skipped from inside, with a note`, "no display here (a fixture's note)"],
      [`${vitestFile} › is skipped without a word`, "(no reason given)"],
      [
        "playwright test/fixtures/runs/skips.pw-fixture.ts › [fixtures] › is skipped with a reason",
        "HAProxy is not installed here (a fixture's reason)",
      ],
      [
        "playwright test/fixtures/runs/skips.pw-fixture.ts › [fixtures] › in the desktop app › is skipped for Electron, but in a file the allow-list does not name",
        "Electron's binary is absent (a fixture's reason)",
      ],
      [
        "fixtures skips.pw-fixture.ts › is skipped with a reason",
        "HAProxy is not installed here (a fixture's reason)",
      ],
    ]) {
      expect(printed).toContain(`NOT ALLOWED: ${test}\n    reason: ${reason}\n    not in the allow-list`);
    }
    expect(printed).toContain("Ledger: 7 skipped, 7 not allowed.");
  }, 240_000);
});
