import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { playwrightOutcomes, type PlaywrightJsonReport } from "../../ledger/reports.js";
import { reportsFolder, root, runPlaywrightFixtures } from "../../support/fixture-runs.js";

// The specs' page-error rule seen from outside a run: test/fixtures/runs/page-errors.pw-fixture.ts
// has three tests whose only fault is an error thrown in one of their pages.
let reports: string;

beforeAll(() => {
  reports = reportsFolder();
  // The kit's browser shell serves the built renderer (npm test builds it before vitest).
  if (!fs.existsSync(path.join(root, "dist", "renderer", "index.html"))) {
    execFileSync("npm", ["run", "build:renderer", "--silent"], { cwd: root, stdio: "ignore" });
  }
}, 240_000);

afterAll(() => fs.rmSync(reports, { recursive: true, force: true }));

describe("an uncaught error in a page", () => {
  it("fails its test, whichever page threw it and even while the page loaded its first address", async () => {
    const run = await runPlaywrightFixtures(["page-errors"], reports);
    expect(run.status, run.output).toBe(1);
    const written = fs.readdirSync(reports).filter((name) => /^playwright-\d+\.json$/.test(name));
    expect(written).toHaveLength(1);
    const report = JSON.parse(
      fs.readFileSync(path.join(reports, written[0] ?? ""), "utf8"),
    ) as PlaywrightJsonReport;
    const outcomes = playwrightOutcomes(report).map((test) => ({
      test: test.titles.at(-1),
      status: test.status,
      errors: test.errors.join("\n"),
    }));
    const thrown = {
      "the kit's terminal, whose page threw while it loaded": "thrown while the page loads",
      "a page of the test's own, not the kit's terminal": "thrown by a page of the test's own",
      "a second page the test opens": "thrown by a second page",
    };
    expect(outcomes.map(({ test, status }) => ({ test, status }))).toEqual(
      Object.keys(thrown).map((test) => ({ test, status: "unexpected" })),
    );
    for (const [test, message] of Object.entries(thrown)) {
      const errors = outcomes.find((outcome) => outcome.test === test)?.errors ?? "";
      expect(errors, test).toContain("uncaught errors in the test's pages");
      expect(errors, test).toContain(message);
    }
  }, 240_000);
});
