import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { displayCommand } from "../../with-display.mjs";
import { skipWhen } from "../../support/skip-when.js";

const root = path.resolve(import.meta.dirname, "../../..");
const script = path.join(root, "test/with-display.mjs");
const xvfb = spawnSync("xvfb-run", ["--help"], { stdio: "ignore" }).error === undefined;

/** Runs a command through test/with-display.mjs with `env` (no display of the test run's own). */
function throughScript(env: Record<string, string>, command: string[]) {
  const { DISPLAY: _display, WAYLAND_DISPLAY: _wayland, XAUTHORITY: _auth, ...rest } = process.env;
  return spawnSync(process.execPath, [script, ...command], { encoding: "utf8", env: { ...rest, ...env } });
}

describe("the Electron specs get a display", () => {
  it("run under xvfb-run on Linux without one, and as they are where there is one", () => {
    expect(displayCommand(["npx", "playwright"], {}, "linux")).toEqual({
      command: ["xvfb-run", "-a", "-s", "-screen 0 1280x1024x24", "npx", "playwright"],
      virtual: true,
    });
    expect(displayCommand(["npx"], { DISPLAY: ":0" }, "linux")).toEqual({ command: ["npx"], virtual: false });
    expect(displayCommand(["npx"], { WAYLAND_DISPLAY: "wayland-0" }, "linux").virtual).toBe(false);
    expect(displayCommand(["npx"], {}, "win32").virtual).toBe(false);
  });

  it("npm test starts the Electron project through it", () => {
    const runAll = fs.readFileSync(path.join(root, "test/run-all.sh"), "utf8");
    expect(runAll).toMatch(/^node test\/with-display\.mjs npx playwright test --project electron$/m);
  });

  it(
    "gives a command without a display a virtual X server it can reach (needs xvfb and xauth installed)",
    skipWhen(
      process.platform !== "linux"
        ? `xvfb-run is for Linux, not ${process.platform}`
        : xvfb
          ? null
          : "xvfb-run is not installed (Debian: xvfb, xauth)",
    ),
    () => {
      const probe =
        'echo "$DISPLAY"; test -S "/tmp/.X11-unix/X${DISPLAY#:}" && echo socket; xauth list "$DISPLAY"';
      const run = throughScript({}, ["sh", "-c", probe]);
      expect(run.status, run.stderr).toBe(0);
      const [display = "", socket, cookie = ""] = run.stdout.trim().split("\n");
      expect(display).toMatch(/^:\d+$/);
      expect(socket).toBe("socket");
      // The server's access cookie, in the file xvfb-run made for the command.
      expect(cookie).toMatch(new RegExp(`${display}\\s+MIT-MAGIC-COOKIE-1\\s+[0-9a-f]{32}`));

      const kept = throughScript({ DISPLAY: ":42" }, ["sh", "-c", 'echo "$DISPLAY"']);
      expect(kept.stdout.trim()).toBe(":42");
    },
  );
});
