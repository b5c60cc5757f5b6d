/**
 * `npm run bench` (second part): the browser shell as `npm run web` and `npm start`'s fallback run it,
 * from the built bundles, with its built-in simulator.
 *  1. launch to the "ready at" line (median of N launches, each in a fresh data folder; one launch
 *     before them, not counted, warms the disk cache, as a warm build has);
 *  2. the resident memory of all its processes (the shell and the simulator's) after the first
 *     sign-in, password and emailed code, through the page in Chromium.
 * Flags: --launches <n> (default 10), --no-build.
 */
import { execFileSync } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { chromiumArgs, chromiumExecutable } from "../support/chromium.js";
import { compilersIn, processTree } from "../support/process-tree.js";
import { startBuiltShell, untilSimulatorUp, type BuiltShell } from "./built-shell.js";
import { uniqueResidentKb } from "./resident-memory.js";
import { printResults } from "./results-table.js";

const { values } = parseArgs({
  options: {
    launches: { type: "string", default: "10" },
    "no-build": { type: "boolean", default: false },
  },
});
const launches = Number(values.launches);
const READY_TARGET_MS = 1000;
const MEMORY_TARGET_MB = 150;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? NaN;

async function readyTimes(): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i <= launches; i++) {
    const shell = await startBuiltShell();
    if (i > 0) times.push(shell.readyMs);
    await shell.stop();
  }
  return times;
}

/** Signs the demo user in through the page: password, then the code from the simulated mailbox. */
async function signInThroughPage(shell: BuiltShell): Promise<void> {
  const browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.goto(shell.launchUrl);
    await page.locator("#userId").fill("demo.user");
    await page.locator("#password").fill("Demo#2023pass");
    await page.locator("#password").press("Enter");
    await page.locator("main[data-screen=otp]").waitFor();
    const { body } = await shell.call("mailbox.list");
    const code = (body["messages"] as Array<{ otp: string | null }>).at(-1)?.otp;
    if (!code) throw new Error("no one-time password in the simulated mailbox");
    await page.locator("#otp").fill(code);
    await page.locator("#otp").press("Enter");
    await page.locator("main[data-screen=desktop]").waitFor();
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  if (!values["no-build"]) execFileSync("npm", ["run", "build", "--silent"], { stdio: "inherit" });
  const loadBefore = os.loadavg();
  const times = await readyTimes();

  const shell = await startBuiltShell();
  try {
    await untilSimulatorUp(shell);
    await signInThroughPage(shell);
    const tree = processTree(shell.child.pid ?? 0);
    const summedMb = tree.reduce((sum, entry) => sum + entry.residentKb, 0) / 1024;
    const unique = uniqueResidentKb(tree.map((entry) => entry.pid));
    const ready = median(times);
    printResults([
      [
        `Browser shell, launch to "ready at" (warm build), median of ${times.length}`,
        `${ready.toFixed(0)} ms`,
        `≤ ${READY_TARGET_MS} ms`,
        ready <= READY_TARGET_MS,
      ],
      [
        `Browser shell's ${tree.length} processes after the first sign-in, resident (RSS), summed`,
        `${summedMb.toFixed(1)} MB`,
        `≤ ${MEMORY_TARGET_MB} MB`,
        summedMb <= MEMORY_TARGET_MB,
      ],
      [
        "  the same, the pages they share (Node's own code) counted once",
        unique === null ? "n/a (needs root)" : `${(unique / 1024).toFixed(1)} MB`,
        "",
        true,
      ],
    ]);
    console.log(
      `\nlaunch to ready (ms): ${[...times]
        .sort((a, b) => a - b)
        .map((ms) => ms.toFixed(0))
        .join(", ")}`,
    );
    for (const entry of tree) {
      console.log(
        `process ${entry.command
          .slice(1)
          .join(" ")
          .replace(/--data \S+/, "--data <dir>")}: ${(entry.residentKb / 1024).toFixed(1)} MB`,
      );
    }
    const compilers = compilersIn(tree);
    console.log(
      `compilers beside the shell (tsx, esbuild): ${compilers.length === 0 ? "none" : compilers.length}`,
    );
    console.log(
      `load average before / after (1 min): ${loadBefore[0]?.toFixed(2)} / ${os.loadavg()[0]?.toFixed(2)}; machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}`,
    );
  } finally {
    await shell.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
