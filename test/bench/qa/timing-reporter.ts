import fs from "node:fs";
import type { FullResult, Reporter, TestCase, TestResult, TestStep } from "@playwright/test/reporter";

interface Sample {
  test: string;
  /** Playwright's wall time of the test: its fixtures' set-up and tear-down included. */
  durationMs: number;
  status: string;
  /** How long each fixture took to set up, by its title. */
  fixtures: Record<string, number>;
}

/** Writes each test's wall time and its fixtures' set-up times to the file in CCMS_QA_BENCH_OUT. */
export default class TimingReporter implements Reporter {
  private readonly samples: Sample[] = [];
  private readonly fixtures = new Map<TestResult, Record<string, number>>();

  onStepEnd(_test: TestCase, result: TestResult, step: TestStep): void {
    if (step.category !== "fixture") return;
    const title = step.title.replace(/^fixture: /, "");
    const seen = this.fixtures.get(result) ?? {};
    // The first step of a fixture is its set-up; a later one with the same title is its tear-down.
    if (!(title in seen)) seen[title] = step.duration;
    this.fixtures.set(result, seen);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    this.samples.push({
      test: test.titlePath().slice(-2).join(" › "),
      durationMs: result.duration,
      status: result.status,
      fixtures: this.fixtures.get(result) ?? {},
    });
  }

  onEnd(_result: FullResult): void {
    const out = process.env["CCMS_QA_BENCH_OUT"];
    if (out) fs.writeFileSync(out, JSON.stringify(this.samples, null, 2));
  }
}
