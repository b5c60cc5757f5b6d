import fs from "node:fs";
import path from "node:path";

/** A fact about this machine that permits a skip, checked each time the ledger runs. */
export interface SkipCondition {
  /** The condition in words: "Electron's binary is absent". */
  says: string;
  /** Whether it holds on this machine, with what was found. `root` is the repository's folder. */
  check(root: string): { holds: boolean; found: string };
}

/** Tests that may be skipped, and only while their condition holds. */
export interface AllowedSkip {
  /** What is skipped, in words. */
  what: string;
  /** The run that reports the tests: `vitest`, `playwright`, or a JUnit report's name. */
  runner: string;
  /** Their file, relative to the repository. */
  file: string;
  /** Their title, when not every test of the file is meant. */
  title?: RegExp;
  /** What the skip's own reason says: a skip of these tests for another reason is not allowed. */
  reason: RegExp;
  when: SkipCondition;
}

/**
 * Electron's binary as the `electron` package finds it (`path.txt` under `dist/`, or
 * `ELECTRON_OVERRIDE_DIST_PATH`), looked for without running the package's code.
 */
export const electronBinaryAbsent: SkipCondition = {
  says: "Electron's binary is absent",
  check(root) {
    const pkg = path.join(root, "node_modules", "electron");
    if (!fs.existsSync(path.join(pkg, "package.json"))) {
      return { holds: true, found: "the electron package is not installed" };
    }
    const pathFile = path.join(pkg, "path.txt");
    if (!fs.existsSync(pathFile)) {
      return {
        holds: true,
        found: "node_modules/electron/path.txt is missing: the binary was never downloaded",
      };
    }
    const dist = process.env["ELECTRON_OVERRIDE_DIST_PATH"] ?? path.join(pkg, "dist");
    const binary = path.join(dist, fs.readFileSync(pathFile, "utf8").trim());
    return fs.existsSync(binary)
      ? { holds: false, found: `Electron's binary is at ${binary}` }
      : { holds: true, found: `${binary} does not exist` };
  },
};

/**
 * The one list of skips `npm test` accepts. Any other skip fails it, naming the test and its reason:
 * a missing PostgreSQL, HAProxy, GNOME Keyring, pcscd, vpcd or Chromium is set up by `npm test` itself.
 */
export const allowedSkips: AllowedSkip[] = [
  {
    what: "the Electron desktop specs (Playwright's _electron)",
    runner: "playwright",
    file: "test/e2e/electron/desktop.spec.ts",
    reason: /Electron/,
    when: electronBinaryAbsent,
  },
  {
    what: "the QA kit's terminal in the desktop shell (Playwright's _electron)",
    runner: "playwright",
    file: "test/e2e/web/qa-kit.spec.ts",
    title: /in the desktop app/,
    reason: /Electron/,
    when: electronBinaryAbsent,
  },
];
