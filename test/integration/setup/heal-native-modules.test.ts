import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { skipWhen } from "../../support/skip-when.js";

const root = path.resolve(import.meta.dirname, "../../..");
const prepare = path.join(root, "build", "prepare.mjs");
const version = (
  JSON.parse(fs.readFileSync(path.join(root, "node_modules/smartcard/package.json"), "utf8")) as {
    version: string;
  }
).version;
const libraryMissing = spawnSync("pkg-config", ["--exists", "libpcsclite"]).status !== 0;
const built = (project: string) =>
  path.join(project, "node_modules/smartcard/build/Release/smartcard_napi.node");

/**
 * A project of its own that wants `smartcard` as an optional dependency, with the package copied
 * from this checkout but not built: the state npm leaves when the library came after the install.
 */
function projectWithUnbuiltSmartcard(): string {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-heal-"));
  fs.writeFileSync(
    path.join(project, "package.json"),
    JSON.stringify({ name: "heal-probe", private: true, optionalDependencies: { smartcard: version } }),
  );
  for (const name of ["smartcard", "node-addon-api"]) {
    fs.cpSync(path.join(root, "node_modules", name), path.join(project, "node_modules", name), {
      recursive: true,
      filter: (source) => !source.includes(`${path.sep}smartcard${path.sep}build`),
    });
  }
  return project;
}

const runPrepare = (args: string[]) => spawnSync(process.execPath, [prepare, ...args], { encoding: "utf8" });
const loadsSmartcard = (project: string) =>
  spawnSync(
    process.execPath,
    ["-e", "const s = require('smartcard'); if (typeof s.Context !== 'function') process.exit(3)"],
    {
      cwd: project,
    },
  ).status === 0;

describe(
  "the preparation step heals a missing smartcard module",
  skipWhen(libraryMissing ? "needs libpcsclite's development files (pkg-config libpcsclite)" : null),
  () => {
    let project: string | undefined;
    afterEach(() => {
      if (project) fs.rmSync(project, { recursive: true, force: true });
    });

    it("rebuilds it when its build is gone while libpcsclite is installed", () => {
      project = projectWithUnbuiltSmartcard();
      expect(fs.existsSync(built(project))).toBe(false);
      expect(runPrepare(["summary", "--root", project]).stdout).toContain(
        "PC/SC smartcard access: not available: the smartcard module did not build",
      );

      const healed = runPrepare(["natives", "--root", project]);
      expect(healed.status, healed.stderr).toBe(0);
      expect(healed.stdout).toContain("The smartcard module is missing while libpcsclite-dev is installed");
      expect(fs.existsSync(built(project))).toBe(true);
      expect(loadsSmartcard(project)).toBe(true);
      expect(runPrepare(["summary", "--root", project]).stdout).not.toContain(
        "PC/SC smartcard access: not available",
      );
    }, 300_000);

    it("installs it again when npm left no folder for it", () => {
      project = projectWithUnbuiltSmartcard();
      fs.rmSync(path.join(project, "node_modules", "smartcard"), { recursive: true });
      const manifest = fs.readFileSync(path.join(project, "package.json"), "utf8");

      const healed = runPrepare(["natives", "--root", project]);
      expect(healed.status, healed.stderr).toBe(0);
      expect(loadsSmartcard(project)).toBe(true);
      expect(fs.readFileSync(path.join(project, "package.json"), "utf8")).toBe(manifest);
    }, 300_000);
  },
);
