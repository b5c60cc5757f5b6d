import fs from "node:fs";
import path from "node:path";
import type { Reporter, TestCase, TestModule } from "vitest/node";
import type {} from "../support/skip-when.js";
import type { VitestLedgerReport } from "./reports.js";

/** The test's describe blocks' names and its own, joined as the ledger shows every title. */
function titleOf(test: TestCase): string {
  const names = [test.name];
  for (let parent = test.parent; parent.type === "suite"; parent = parent.parent) names.unshift(parent.name);
  return names.join(" › ");
}

/** Why a skipped test was skipped: `ctx.skip(note)`'s note, else the reason `skipWhen` gave it. */
function reasonOf(test: TestCase): string | null {
  const result = test.result();
  if (result.state === "skipped" && result.note) return result.note;
  return test.meta().skipReason ?? null;
}

/**
 * Writes every test of the run, with its state and a skipped test's reason, to `outputFile` for the
 * skip ledger (`test/ledger/cli.ts`). Vitest's own JSON report leaves out `ctx.skip`'s note.
 */
export default class VitestLedgerReporter implements Reporter {
  constructor(private readonly outputFile: string) {}

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const report: VitestLedgerReport = {
      format: "ccms-vitest-ledger",
      tests: testModules.flatMap((module) =>
        [...module.children.allTests()].map((test) => ({
          file: module.moduleId,
          title: titleOf(test),
          state: test.result().state,
          reason: test.result().state === "skipped" ? reasonOf(test) : null,
        })),
      ),
    };
    fs.mkdirSync(path.dirname(this.outputFile), { recursive: true });
    fs.writeFileSync(this.outputFile, `${JSON.stringify(report, null, 1)}\n`);
  }
}
