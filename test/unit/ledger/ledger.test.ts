import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatLedger, judgeSkips } from "../../ledger/ledger.js";
import { readJunitReport, type ReportedTest, type RunReport } from "../../ledger/reports.js";
import {
  allowedSkips,
  electronBinaryAbsent,
  type AllowedSkip,
  type SkipCondition,
} from "../../skip-allow-list.js";

const root = "/repo";
const skipped = (test: Partial<ReportedTest>): ReportedTest => ({
  runner: "playwright",
  file: "test/e2e/electron/desktop.spec.ts",
  title: "[electron] › opens one hardened window",
  skipped: true,
  reason: "Electron binary not installed (node_modules/electron/dist): path.txt is missing",
  ...test,
});
const run = (...tests: ReportedTest[]): RunReport => ({
  runner: tests[0]?.runner ?? "vitest",
  source: "reports/x.json",
  tests,
});
/** A condition that holds or not, as the test says. */
const condition = (holds: boolean): SkipCondition => ({
  says: "the fixture's condition holds",
  check: () => ({ holds, found: holds ? "it does here" : "it does not here" }),
});
const entry = (holds: boolean): AllowedSkip => ({
  what: "the desktop specs",
  runner: "playwright",
  file: "test/e2e/electron/desktop.spec.ts",
  reason: /Electron/,
  when: condition(holds),
});

describe("the skip ledger", () => {
  it("fails on a skip the allow-list does not name, saying which test and why it was skipped", () => {
    const postgres = skipped({
      runner: "vitest",
      file: "test/integration/simulator-storage/storage-contract.test.ts",
      title: "storage contract: postgres > keeps sessions",
      reason: "PostgreSQL's server programs are not installed",
    });
    const ledger = judgeSkips({ runs: [run(postgres)], allowList: [entry(true)], root });
    expect(ledger.passed).toBe(false);
    expect(ledger.skips).toEqual([{ test: postgres, allowedBy: null, why: "not in the allow-list" }]);
    const printed = formatLedger(ledger);
    expect(printed).toContain(
      "NOT ALLOWED: vitest test/integration/simulator-storage/storage-contract.test.ts › storage contract: postgres > keeps sessions",
    );
    expect(printed).toContain("reason: PostgreSQL's server programs are not installed");
  });

  it("passes an allowed skip only while its condition holds", () => {
    const electron = skipped({});
    const holding = judgeSkips({ runs: [run(electron)], allowList: [entry(true)], root });
    expect(holding.passed).toBe(true);
    expect(holding.skips[0]?.why).toBe("allowed while the fixture's condition holds: it does here");
    const gone = judgeSkips({ runs: [run(electron)], allowList: [entry(false)], root });
    expect(gone.passed).toBe(false);
    expect(gone.skips[0]?.why).toBe("allowed only while the fixture's condition holds, and it does not here");
  });

  it("does not take a skip for another reason for the allowed one, nor one without a reason", () => {
    for (const reason of ["PC/SC is not available here", null]) {
      const ledger = judgeSkips({ runs: [run(skipped({ reason }))], allowList: [entry(true)], root });
      expect(ledger.passed).toBe(false);
      expect(ledger.skips[0]?.why).toBe("allowed only for a reason matching /Electron/");
    }
    expect(
      formatLedger(judgeSkips({ runs: [run(skipped({ reason: null }))], allowList: [], root })),
    ).toContain("reason: (no reason given)");
  });

  it("fails when a run that should have reported did not", () => {
    const ledger = judgeSkips({
      runs: [run(skipped({ skipped: false }))],
      allowList: [],
      root,
      required: ["vitest"],
    });
    expect(ledger.passed).toBe(false);
    expect(ledger.problems).toEqual(["the vitest run wrote no report: its tests are not accounted for"]);
    expect(judgeSkips({ runs: [], allowList: [], root }).passed).toBe(true);
  });

  it("reads a skip's reason from Playwright's JUnit report, where it is the test's skip annotation", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites id="" name="" tests="2" failures="0" skipped="1" errors="0" time="1.2">
<testsuite name="sign-in.spec.ts" timestamp="2023-05-29T01:00:00.000Z" hostname="chromium" tests="2" failures="0" skipped="1" time="1.1" errors="0">
<testcase name="signs in &amp; out" classname="sign-in.spec.ts" time="1.1"></testcase>
<testcase name="on the card" classname="sign-in.spec.ts" time="0">
<properties><property name="skip" value="PC/SC is not available here &lt;pcscd&gt;"></property></properties>
<skipped></skipped>
</testcase>
</testsuite>
</testsuites>`;
    expect(readJunitReport("examples.junit.xml", xml, "examples").tests).toEqual([
      { runner: "examples", file: "sign-in.spec.ts", title: "signs in & out", skipped: false, reason: null },
      {
        runner: "examples",
        file: "sign-in.spec.ts",
        title: "on the card",
        skipped: true,
        reason: "PC/SC is not available here <pcscd>",
      },
    ]);
  });
});

describe("the allow-list's Electron entries", () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const dir of roots.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  /** A repository folder whose electron package is missing, not downloaded, or complete. */
  const repository = (electron: "none" | "no binary" | "binary") => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-ledger-root-"));
    roots.push(dir);
    if (electron === "none") return dir;
    const pkg = path.join(dir, "node_modules", "electron");
    fs.mkdirSync(path.join(pkg, "dist"), { recursive: true });
    fs.writeFileSync(path.join(pkg, "package.json"), '{"name":"electron"}');
    if (electron === "binary") {
      fs.writeFileSync(path.join(pkg, "path.txt"), "electron");
      fs.writeFileSync(path.join(pkg, "dist", "electron"), "");
    }
    return dir;
  };

  it("find Electron's binary absent where the package or its download is missing, present where it is", () => {
    expect(electronBinaryAbsent.check(repository("none")).holds).toBe(true);
    expect(electronBinaryAbsent.check(repository("no binary"))).toEqual({
      holds: true,
      found: "node_modules/electron/path.txt is missing: the binary was never downloaded",
    });
    expect(electronBinaryAbsent.check(repository("binary")).holds).toBe(false);
  });

  it("allow the Electron specs' skips while the binary is absent, and refuse them once it is there", () => {
    const electron = run(
      skipped({}),
      skipped({ file: "test/e2e/web/qa-kit.spec.ts", title: "[web] › in the desktop app › signs in" }),
    );
    expect(
      judgeSkips({ runs: [electron], allowList: allowedSkips, root: repository("no binary") }).passed,
    ).toBe(true);
    const present = judgeSkips({ runs: [electron], allowList: allowedSkips, root: repository("binary") });
    expect(present.passed).toBe(false);
    expect(present.skips.map((skip) => skip.why)).toEqual([
      expect.stringMatching(/^allowed only while Electron's binary is absent, and Electron's binary is at /),
      expect.stringMatching(/^allowed only while Electron's binary is absent, and Electron's binary is at /),
    ]);
  });

  it("allow no other skip of those files", () => {
    const other = run(
      skipped({ file: "test/e2e/web/qa-kit.spec.ts", title: "[web] › the connectivity page object" }),
    );
    expect(judgeSkips({ runs: [other], allowList: allowedSkips, root: repository("none") }).passed).toBe(
      false,
    );
  });
});
