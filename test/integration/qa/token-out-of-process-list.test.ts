import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Simulator } from "../../../qa/simulator/simulator.js";
import { launchWebShell, type WebShell } from "../../../qa/terminal/web-shell.js";
import { startCli } from "../simulator/cli-process.js";
import { skipWhen } from "../../support/skip-when.js";

/** Every process's command line, as any user of this computer can read it (`ps -ef`): /proc/<pid>/cmdline. */
function commandLines(): string[] {
  return fs.readdirSync("/proc").flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      return [fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ").trim()];
    } catch {
      return []; // The process ended while being read.
    }
  });
}

const linux = process.platform === "linux";

describe(
  "the simulator's control token in the process list (reads /proc: Linux only)",
  skipWhen(linux ? null : `reads /proc, which ${process.platform} lacks`),
  () => {
    let simulator: Simulator;
    let shell: WebShell;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-token-list-"));

    beforeAll(async () => {
      simulator = await Simulator.launch();
      shell = await launchWebShell({ server: simulator, dataDir });
    });
    afterAll(async () => {
      await shell?.program.stop();
      await simulator?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it("is in no process's command line when the QA kit starts the simulator and the app", async () => {
      expect(await simulator.status()).toMatchObject({ phase: expect.any(String) });
      const lines = commandLines();
      // The scan sees both processes the kit started…
      expect(lines.filter((line) => line.includes(`--data=${simulator.dataDir}`))).toHaveLength(1);
      expect(lines.filter((line) => line.includes(`--data=${dataDir}`))).toHaveLength(1);
      // …and neither carries the token.
      expect(lines.filter((line) => line.includes(simulator.controlToken))).toEqual([]);
    });

    it("is found there when given with --control-token, which is why the simulator warns against it", async () => {
      const token = `visible-in-ps-${Date.now()}`;
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-token-flag-"));
      const run = await startCli(["--data", dir, "--hash-profile", "fast", "--control-token", token]);
      try {
        expect(commandLines().filter((line) => line.includes(token))).toHaveLength(1);
        expect(run.stderr()).toContain("Warning: --control-token puts the control token in the process list");
      } finally {
        run.child.kill("SIGTERM");
        await run.exited;
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
