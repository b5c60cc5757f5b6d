import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { skipWhen } from "../../support/skip-when.js";

const module = path.resolve(import.meta.dirname, "../../../build/prepare/system-packages.mjs");
const canSwitchUser = process.getuid?.() === 0 && spawnSync("runuser", ["--version"]).status === 0;
const debian = spawnSync("dpkg-query", ["--version"]).status === 0;

/** Runs the set-up's package step as `nobody`: no root, no sudo. */
function asNobody(names: string[]): { missing: string[]; reason?: string; command: string } {
  const script = `import(${JSON.stringify(module)}).then((m) => { const r = m.installMissing(${JSON.stringify(names)}, () => {}); console.log(JSON.stringify({ ...r, command: m.installCommand(r.missing) })); })`;
  const run = spawnSync("runuser", ["-u", "nobody", "--", process.execPath, "-e", script], {
    encoding: "utf8",
  });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { missing: string[]; reason?: string; command: string };
}

const cannotRun = !debian
  ? "needs a Debian machine (dpkg-query)"
  : !canSwitchUser
    ? "needs root and runuser, to run the step as the unprivileged user nobody"
    : null;

describe("Debian packages without root or sudo", skipWhen(cannotRun), () => {
  it("names exactly what is missing, why it was not installed, and the command that installs it", () => {
    const result = asNobody(["make", "ccms-no-such-package"]);
    expect(result).toEqual({
      missing: ["ccms-no-such-package"],
      reason: "no root rights and no password-less sudo",
      command: "sudo apt-get install -y ccms-no-such-package",
    });
  });

  it("has nothing to do when everything is installed", () => {
    expect(asNobody(["make"]).missing).toEqual([]);
  });
});
