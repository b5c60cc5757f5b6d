import fs from "node:fs";
import path from "node:path";
import { DOMParser } from "@xmldom/xmldom";

/** One test a run reported, as the ledger sees it. */
export interface ReportedTest {
  /** The run that reported it: `vitest`, `playwright`, or a JUnit report's name (`examples`). */
  runner: string;
  /** Its file, relative to the repository where the report says where it is. */
  file: string;
  /** Its full title: the describe blocks' names and its own. */
  title: string;
  skipped: boolean;
  /** Why it was skipped, in the test's own words; null when it gave none. */
  reason: string | null;
}

/** What one run reported: every test it knew of. */
export interface RunReport {
  runner: string;
  /** The report's file. */
  source: string;
  tests: ReportedTest[];
}

/** The report the repository's vitest reporter writes (`test/ledger/vitest-reporter.ts`). */
export interface VitestLedgerReport {
  format: "ccms-vitest-ledger";
  tests: Array<{ file: string; title: string; state: string; reason: string | null }>;
}

const posix = (file: string) => file.split(path.sep).join("/");

function relativeTo(root: string, file: string): string {
  const relative = path.relative(root, file);
  return posix(relative.startsWith("..") ? file : relative);
}

export function readVitestReport(source: string, report: VitestLedgerReport, root: string): RunReport {
  return {
    runner: "vitest",
    source,
    tests: report.tests.map((test) => ({
      runner: "vitest",
      file: relativeTo(root, test.file),
      title: test.title,
      skipped: test.state === "skipped",
      reason: test.reason,
    })),
  };
}

interface PlaywrightAnnotation {
  type: string;
  description?: string;
}
interface PlaywrightTest {
  projectName?: string;
  status: "skipped" | "expected" | "unexpected" | "flaky";
  annotations?: PlaywrightAnnotation[];
  results?: Array<{
    status?: string;
    annotations?: PlaywrightAnnotation[];
    errors?: Array<{ message?: string }>;
  }>;
}
interface PlaywrightSpec {
  title: string;
  file: string;
  tests: PlaywrightTest[];
}
interface PlaywrightSuite {
  title: string;
  file?: string;
  specs?: PlaywrightSpec[];
  suites?: PlaywrightSuite[];
}
/** Playwright's JSON report (its `json` reporter), the parts the ledger reads. */
export interface PlaywrightJsonReport {
  config: { rootDir: string };
  suites: PlaywrightSuite[];
}

/** A test of a Playwright report, with its title path, outcome and errors. */
export interface PlaywrightOutcome {
  file: string;
  titles: string[];
  project: string;
  status: PlaywrightTest["status"];
  annotations: PlaywrightAnnotation[];
  errors: string[];
}

/** Every test of a Playwright JSON report, in every project. */
export function playwrightOutcomes(report: PlaywrightJsonReport): PlaywrightOutcome[] {
  const found: PlaywrightOutcome[] = [];
  const walk = (suite: PlaywrightSuite, titles: string[]) => {
    // The file's own suite is titled by its path: a describe's title is a part of the test's.
    const inner = suite.file !== undefined && suite.title === suite.file ? titles : [...titles, suite.title];
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        const results = test.results ?? [];
        found.push({
          file: path.resolve(report.config.rootDir, spec.file),
          titles: [...inner, spec.title],
          project: test.projectName ?? "",
          status: test.status,
          annotations: [
            ...(test.annotations ?? []),
            ...results.flatMap((result) => result.annotations ?? []),
          ],
          errors: results.flatMap((result) => (result.errors ?? []).map((error) => error.message ?? "")),
        });
      }
    }
    for (const child of suite.suites ?? []) walk(child, inner);
  };
  for (const suite of report.suites) walk(suite, []);
  return found;
}

export function readPlaywrightReport(source: string, report: PlaywrightJsonReport, root: string): RunReport {
  return {
    runner: "playwright",
    source,
    tests: playwrightOutcomes(report).map((test) => {
      const said = test.annotations.find((a) => ["skip", "fixme"].includes(a.type) && a.description);
      return {
        runner: "playwright",
        file: relativeTo(root, test.file),
        title: [test.project ? `[${test.project}]` : "", ...test.titles].filter(Boolean).join(" › "),
        skipped: test.status === "skipped",
        reason: said?.description ?? null,
      };
    }),
  };
}

/**
 * A JUnit XML report (the examples project's, say): each `testcase`, skipped when it holds `skipped`.
 * The reason is the `skipped` element's message, else a `skip` or `fixme` property (Playwright writes a
 * test's annotations as properties).
 */
export function readJunitReport(source: string, xml: string, runner: string): RunReport {
  const document = new DOMParser().parseFromString(xml, "text/xml");
  const cases = Array.from(document.getElementsByTagName("testcase"));
  return {
    runner,
    source,
    tests: cases.map((testcase) => {
      const skipped = testcase.getElementsByTagName("skipped")[0];
      const said = Array.from(testcase.getElementsByTagName("property")).find((property) =>
        ["skip", "fixme"].includes(property.getAttribute("name") ?? ""),
      );
      return {
        runner,
        file: testcase.getAttribute("classname") ?? "",
        title: testcase.getAttribute("name") ?? "",
        skipped: skipped !== undefined,
        reason: skipped?.getAttribute("message") || said?.getAttribute("value") || null,
      };
    }),
  };
}

/**
 * Reads one report file, whatever wrote it: the repository's vitest reporter, Playwright's `json`
 * reporter, or any JUnit XML (`<name>.junit.xml`, the run called `<name>`).
 */
export function readReport(file: string, root: string): RunReport {
  const text = fs.readFileSync(file, "utf8");
  const name = path.basename(file);
  if (name.endsWith(".xml")) return readJunitReport(file, text, name.replace(/(\.junit)?\.xml$/, ""));
  const parsed = JSON.parse(text) as Partial<VitestLedgerReport> & Partial<PlaywrightJsonReport>;
  if (parsed.format === "ccms-vitest-ledger")
    return readVitestReport(file, parsed as VitestLedgerReport, root);
  if (parsed.config !== undefined && Array.isArray(parsed.suites)) {
    return readPlaywrightReport(file, parsed as PlaywrightJsonReport, root);
  }
  throw new Error(`${file} is neither the vitest ledger's report, Playwright's JSON nor JUnit XML`);
}
