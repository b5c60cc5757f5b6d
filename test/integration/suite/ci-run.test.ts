import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { root } from "../../support/fixture-runs.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** The commands of the README's first shell block, in order, without their comments. */
function readmeCommands(): string[] {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  return block
    .split("\n")
    .map((line) => line.replace(/#.*$/, "").trim())
    .filter(Boolean)
    .flatMap((line) => line.split("&&").map((command) => command.trim()));
}

describe("CI (.ci/run)", () => {
  it("runs what a newcomer runs: the README's set-up, then the README's test command", () => {
    // npm stands in for itself: it writes down how it was called.
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-ci-npm-"));
    dirs.push(bin);
    const log = path.join(bin, "calls");
    fs.writeFileSync(path.join(bin, "npm"), `#!/bin/sh\necho "npm $*" >> "${log}"\n`, { mode: 0o755 });
    const run = spawnSync("bash", [path.join(root, ".ci", "run")], {
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env["PATH"] ?? ""}` },
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    const calls = fs.readFileSync(log, "utf8").trim().split("\n");
    expect(calls).toEqual(["npm run setup", "npm test"]);
    const readme = readmeCommands();
    expect(readme).toEqual(expect.arrayContaining(calls));
    expect(readme.indexOf("npm run setup")).toBeLessThan(readme.indexOf("npm test"));
  });
});
