import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { reportsFolder, runPlaywrightFixtures, runVitestFixtures } from "../../support/fixture-runs.js";

// With the repository's own settings and no CI variable: a `.only` left in a file cannot shrink the suite.
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});
const reports = () => {
  const folder = reportsFolder();
  folders.push(folder);
  return folder;
};

describe("a test focused with .only", () => {
  it("fails the vitest run instead of leaving the other tests out", async () => {
    const run = await runVitestFixtures(["focused"], reports());
    expect(run.status, run.output).not.toBe(0);
    expect(run.output).toMatch(/Unexpected \.only modifier/);
  }, 240_000);

  it("fails the Playwright run instead of leaving the other tests out", async () => {
    const run = await runPlaywrightFixtures(["focused"], reports());
    expect(run.status, run.output).not.toBe(0);
    expect(run.output).toMatch(/focused with '\.only' is not allowed due to the 'forbidOnly' option/);
  }, 240_000);
});
