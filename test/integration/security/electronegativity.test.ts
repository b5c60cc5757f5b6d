import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const require = createRequire(import.meta.url);

interface Finding {
  id: string;
  severity: { name: "INFORMATIONAL" | "LOW" | "MEDIUM" | "HIGH" };
  file: string;
  location: { line: number; column: number };
  visibility?: { inlineDisabled: boolean; globalCheckDisabled: boolean };
}
interface ScanError {
  file: string;
  message: string;
  tolerable?: boolean;
}
interface Scan {
  issues: Finding[];
  errors: ScanError[];
}
type Run = (options: {
  input: string;
  electronVersionOverride: string;
  isRelative: boolean;
}) => Promise<Scan>;

const run = require("@doyensec/electronegativity") as Run;
/** Offline, the tool cannot look Electron's version up: it is given the one installed. */
const electronVersion = (require("electron/package.json") as { version: string }).version;

/**
 * Findings as the tool's own CLI reports them: without those a reviewed `eng-disable` comment answers.
 * A file the tool could not parse was not checked at all, so it fails the scan, named.
 */
async function scan(input: string): Promise<Finding[]> {
  const { issues, errors } = await run({ input, electronVersionOverride: electronVersion, isRelative: true });
  if (errors.length > 0) {
    const unread = errors.map((error) => `${error.file}: ${error.message}`).join("\n");
    throw new Error(
      `Electronegativity could not read ${errors.length} file(s), so it checked nothing in them:\n${unread}`,
    );
  }
  return issues.filter((i) => !i.visibility?.inlineDisabled && !i.visibility?.globalCheckDisabled);
}

const blocking = (findings: Finding[]) =>
  findings
    .filter((f) => f.severity.name === "HIGH" || f.severity.name === "MEDIUM")
    .map((f) => `${f.severity.name} ${f.id} ${f.file}:${f.location.line}`);

const summary = (findings: Finding[]) => {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.severity.name, (counts.get(f.severity.name) ?? 0) + 1);
  return ["HIGH", "MEDIUM", "LOW", "INFORMATIONAL"].map((s) => `${counts.get(s) ?? 0} ${s}`).join(", ");
};

describe("Electronegativity", () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-electronegativity-"));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it("reports no HIGH or MEDIUM finding over the repository", async () => {
    const findings = await scan(root);
    console.log(`Electronegativity ${electronVersion}: ${summary(findings)}`);
    expect(blocking(findings)).toEqual([]);
  }, 120_000);

  it("reads TypeScript as we write it: a window's preferences in a .ts file using `satisfies` are reported", async () => {
    const dir = path.join(scratch, "typescript");
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, "window.ts"),
      [
        'import { BrowserWindow, type WebPreferences } from "electron";',
        "const webPreferences = { contextIsolation: false, sandbox: false } satisfies WebPreferences;",
        "export const window = new BrowserWindow({ webPreferences });",
        "export const other = new BrowserWindow({ webPreferences: { contextIsolation: false } });",
        "",
      ].join("\n"),
    );
    const found = blocking(await scan(dir));
    expect(
      found.some((line) => line.includes(" CONTEXT_ISOLATION_JS_CHECK ") && line.includes("window.ts")),
    ).toBe(true);
  }, 120_000);

  it("fails on a file it cannot parse, naming it, instead of passing over it", async () => {
    const dir = path.join(scratch, "unreadable");
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, "broken.ts"),
      "export const window = new BrowserWindow({ webPreferences: ;\n",
    );
    await expect(scan(dir)).rejects.toThrow(/could not read 1 file\(s\)[\s\S]*broken\.ts/);
  }, 120_000);

  it("reports a window whose preferences leave isolation, the sandbox and middle click on", async () => {
    const dir = path.join(scratch, "javascript");
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, "window.js"),
      [
        'const { BrowserWindow } = require("electron");',
        "const window = new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } });",
        "",
      ].join("\n"),
    );
    const found = blocking(await scan(dir));
    for (const id of ["CONTEXT_ISOLATION_JS_CHECK", "SANDBOX_JS_CHECK", "AUXCLICK_JS_CHECK"]) {
      expect(
        found.some((line) => line.includes(` ${id} `)),
        id,
      ).toBe(true);
    }
  }, 120_000);
});
