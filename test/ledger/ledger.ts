import type { AllowedSkip } from "../skip-allow-list.js";
import type { ReportedTest, RunReport } from "./reports.js";

/** One skipped test and what the allow-list says of it. */
export interface SkipVerdict {
  test: ReportedTest;
  /** The entry that allows it, when one does and its condition holds. */
  allowedBy: AllowedSkip | null;
  /** Why it is allowed (its condition, as found) or why not. */
  why: string;
}

export interface Ledger {
  runs: Array<{ runner: string; source: string; total: number; skipped: number }>;
  skips: SkipVerdict[];
  /** What is wrong besides skips: a run that should have reported and did not, a report unread. */
  problems: string[];
  passed: boolean;
}

const noReason = "(no reason given)";

function matches(entry: AllowedSkip, test: ReportedTest): boolean {
  return entry.runner === test.runner && entry.file === test.file && (entry.title?.test(test.title) ?? true);
}

/** Judges every skipped test of `runs` against the allow-list; `required` are the runs that must have reported. */
export function judgeSkips(options: {
  runs: RunReport[];
  allowList: readonly AllowedSkip[];
  root: string;
  required?: readonly string[];
  problems?: readonly string[];
}): Ledger {
  const checked = new Map<AllowedSkip["when"], { holds: boolean; found: string }>();
  const conditionOf = (entry: AllowedSkip) => {
    let result = checked.get(entry.when);
    if (result === undefined) {
      result = entry.when.check(options.root);
      checked.set(entry.when, result);
    }
    return result;
  };
  const skips = options.runs.flatMap((run) =>
    run.tests
      .filter((test) => test.skipped)
      .map((test): SkipVerdict => {
        const entries = options.allowList.filter((entry) => matches(entry, test));
        if (entries.length === 0) return { test, allowedBy: null, why: "not in the allow-list" };
        const forReason = entries.filter((entry) => entry.reason.test(test.reason ?? ""));
        if (forReason.length === 0) {
          const allowed = entries.map((entry) => String(entry.reason)).join(" or ");
          return { test, allowedBy: null, why: `allowed only for a reason matching ${allowed}` };
        }
        const holding = forReason.find((entry) => conditionOf(entry).holds);
        if (holding !== undefined) {
          return {
            test,
            allowedBy: holding,
            why: `allowed while ${holding.when.says}: ${conditionOf(holding).found}`,
          };
        }
        const entry = forReason[0] as AllowedSkip;
        return {
          test,
          allowedBy: null,
          why: `allowed only while ${entry.when.says}, and ${conditionOf(entry).found}`,
        };
      }),
  );
  const reported = new Set(options.runs.map((run) => run.runner));
  const problems = [
    ...(options.problems ?? []),
    ...(options.required ?? [])
      .filter((runner) => !reported.has(runner))
      .map((runner) => `the ${runner} run wrote no report: its tests are not accounted for`),
  ];
  return {
    runs: options.runs.map((run) => ({
      runner: run.runner,
      source: run.source,
      total: run.tests.length,
      skipped: run.tests.filter((test) => test.skipped).length,
    })),
    skips,
    problems,
    passed: problems.length === 0 && skips.every((skip) => skip.allowedBy !== null),
  };
}

/** The ledger as `npm test` prints it at the end. */
export function formatLedger(ledger: Ledger): string {
  const lines = ["Skip ledger"];
  for (const run of ledger.runs) {
    lines.push(`  ${run.runner}: ${run.total} tests, ${run.skipped} skipped (${run.source})`);
  }
  for (const skip of ledger.skips) {
    const { test } = skip;
    lines.push("");
    lines.push(
      `  ${skip.allowedBy ? "allowed" : "NOT ALLOWED"}: ${test.runner} ${test.file} › ${test.title}`,
    );
    lines.push(`    reason: ${test.reason ?? noReason}`);
    lines.push(`    ${skip.why}`);
  }
  for (const problem of ledger.problems) lines.push("", `  PROBLEM: ${problem}`);
  const refused = ledger.skips.filter((skip) => skip.allowedBy === null).length;
  const count = ledger.skips.length === 0 ? "nothing skipped" : `${ledger.skips.length} skipped`;
  lines.push("");
  if (ledger.passed) {
    lines.push(`Ledger: ${count}${ledger.skips.length ? ", each allowed by test/skip-allow-list.ts" : ""}.`);
  } else {
    const problems = ledger.problems.length ? `, ${ledger.problems.length} problem(s)` : "";
    lines.push(
      `Ledger: ${count}, ${refused} not allowed${problems}. A check that did not run is not a pass: install ` +
        "what a reason names (npm test sets up the packages it knows) or fix the test; test/skip-allow-list.ts " +
        "names the only skips allowed, and when.",
    );
  }
  return lines.join("\n");
}
