// The skip ledger, the last step of `npm test`: reads every report in a folder (vitest, Playwright's
// JSON, JUnit XML), prints every skipped test with its reason, and fails on any skip the allow-list
// (test/skip-allow-list.ts) does not permit here, or when a run named with --require wrote no report.
//
//   tsx test/ledger/cli.ts <reports folder> [--require vitest] [--require playwright] …
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { allowedSkips } from "../skip-allow-list.js";
import { formatLedger, judgeSkips } from "./ledger.js";
import { readReport, type RunReport } from "./reports.js";

const root = path.resolve(import.meta.dirname, "../..");
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { require: { type: "string", multiple: true } },
});
const folder = positionals[0];
if (folder === undefined) {
  console.error("usage: tsx test/ledger/cli.ts <reports folder> [--require <run>]…");
  process.exit(64);
}

const runs: RunReport[] = [];
const problems: string[] = [];
const files = fs.existsSync(folder) ? fs.readdirSync(folder).sort() : [];
for (const name of files.filter((file) => /\.(json|xml)$/.test(file))) {
  const file = path.join(folder, name);
  try {
    runs.push(readReport(file, root));
  } catch (error) {
    problems.push(`${file} could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const ledger = judgeSkips({ runs, allowList: allowedSkips, root, required: values.require ?? [], problems });
process.stdout.write(`${formatLedger(ledger)}\n`);
process.exit(ledger.passed ? 0 : 1);
