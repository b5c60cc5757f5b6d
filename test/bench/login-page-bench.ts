/**
 * The login screen's page figures for `npm run bench` (test/bench/login-bench.ts): fresh navigations to an
 * interactive login form, side by side with a minimal React page (one form, the same React, built by the
 * same Vite with the app's configuration, served by the same server code), alternating, in one browser;
 * reloads with warm caches; and the scripts the login screen fetched before its form was interactive.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type Page } from "@playwright/test";
import { build } from "vite";
import { chromiumArgs, chromiumExecutable } from "../support/chromium.js";
import { type BuiltShell, projectRoot, startBuiltShell, untilSimulatorUp } from "./built-shell.js";

export interface PageFigures {
  /** ms from navigation start to the User ID field taking focus, fresh profile each, sorted. */
  login: number[];
  /** The same for the minimal page, loaded alternately with the login screen, sorted. */
  minimal: number[];
  /** The login screen reloaded in one tab whose HTTP and code caches are warm, sorted. */
  warm: number[];
  /** The scripts the login screen asked for before its form was interactive: file name and gzip bytes. */
  beforeInteractive: Array<{ file: string; gzipBytes: number }>;
  /** Every script it fetched at start, until its start-up calls were answered (the banner drawn). */
  atStart: Array<{ file: string; gzipBytes: number }>;
  /** The minimal page's scripts. */
  minimalScripts: Array<{ file: string; gzipBytes: number }>;
}

/**
 * Runs in the page (kept as source so this Node file needs no DOM types): when User ID takes focus,
 * notes the time and the scripts asked for until then, as a promise the bench awaits (not a polled
 * expression: the page's CSP forbids the `eval` Playwright's polling uses).
 */
const markInteractive = `
  const scripts = () => performance.getEntriesByType("resource")
    .filter((entry) => new URL(entry.name).pathname.endsWith(".js"))
    .map((entry) => ({ url: entry.name, startTime: entry.startTime }));
  window.__scripts = scripts;
  window.__interactive = new Promise((resolve) => {
    document.addEventListener("focusin", (event) => {
      const target = event.target;
      if (target && target.id === "userId" && !target.disabled) {
        const at = performance.now();
        resolve({ at, scripts: scripts().filter((script) => script.startTime <= at) });
      }
    }, true);
  });
`;

interface Interactive {
  at: number;
  scripts: Array<{ url: string; startTime: number }>;
}

async function interactive(page: Page): Promise<Interactive> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("the form did not become interactive within 30 s")), 30_000);
  });
  try {
    return (await Promise.race([page.evaluate("window.__interactive"), timeout])) as Interactive;
  } finally {
    clearTimeout(timer);
  }
}

/** A fresh profile's navigation to `url`; `then` runs before the profile is closed. */
async function freshLoad<T>(
  browser: Browser,
  url: string,
  then: (page: Page, found: Interactive) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext();
  try {
    await context.addInitScript({ content: markInteractive });
    const page = await context.newPage();
    await page.goto(url);
    return await then(page, await interactive(page));
  } finally {
    await context.close();
  }
}

/** Builds the minimal page with the app's own Vite configuration, only its root and output moved. */
async function buildMinimalPage(outDir: string): Promise<void> {
  await build({
    configFile: path.join(projectRoot, "vite.config.ts"),
    root: path.join(projectRoot, "test/bench/minimal-page"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true },
  });
}

/** Serves `dir` with the browser shell's web server in a process of its own (test/bench/static-page-server.ts). */
async function serveStatic(dir: string): Promise<{ origin: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(projectRoot, "test/bench/static-page-server.ts"), dir],
    { cwd: projectRoot, stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`the page server exited (${code})`)));
  });
  const origin = /^serving at (\S+)$/.exec(line)?.[1];
  if (!origin) throw new Error(`unexpected line from the page server: ${line}`);
  return {
    origin,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

function weighed(urls: string[], dirOf: (url: string) => string): Array<{ file: string; gzipBytes: number }> {
  return [...new Set(urls)].map((url) => {
    const file = path.basename(new URL(url).pathname);
    return { file, gzipBytes: gzipSync(fs.readFileSync(path.join(dirOf(url), file)), { level: 9 }).length };
  });
}

interface Measured {
  login: number[];
  minimal: number[];
  warm: number[];
  beforeInteractive: string[];
  atStart: string[];
  minimalUrls: string[];
}

/** The navigations themselves, in one browser, with the shell idle (its simulator's process started first). */
async function measure(
  browser: Browser,
  shell: BuiltShell,
  minimalOrigin: string,
  runs: number,
): Promise<Measured> {
  const measured: Measured = {
    login: [],
    minimal: [],
    warm: [],
    beforeInteractive: [],
    atStart: [],
    minimalUrls: [],
  };
  await untilSimulatorUp(shell);
  const loadLogin = (round: number) =>
    freshLoad(browser, shell.launchUrl, async (page, found) => {
      if (round === 0) {
        measured.beforeInteractive = found.scripts.map((script) => script.url);
        // The banner shows once the start-up calls are answered: every start-up script is in by then.
        await page.locator(".sim-banner").waitFor();
        measured.atStart = ((await page.evaluate("window.__scripts()")) as Array<{ url: string }>).map(
          (s) => s.url,
        );
      }
      return found.at;
    });
  const loadMinimal = (round: number) =>
    freshLoad(browser, `${minimalOrigin}/`, async (_page, found) => {
      if (round === 0) measured.minimalUrls = found.scripts.map((script) => script.url);
      return found.at;
    });
  for (let round = 0; round <= runs; round++) {
    // Alternating which goes first, so that neither always follows the other.
    const loginFirst = round % 2 === 0;
    const first = loginFirst ? await loadLogin(round) : await loadMinimal(round);
    const second = loginFirst ? await loadMinimal(round) : await loadLogin(round);
    // The first round warms the server processes and this machine's disk cache: not counted.
    if (round === 0) continue;
    measured.login.push(loginFirst ? first : second);
    measured.minimal.push(loginFirst ? second : first);
  }

  const context = await browser.newContext();
  await context.addInitScript({ content: markInteractive });
  const page = await context.newPage();
  await page.goto(shell.launchUrl);
  await interactive(page);
  for (let i = 0; i < runs; i++) {
    await page.reload();
    measured.warm.push((await interactive(page)).at);
  }
  await context.close();
  return measured;
}

/** The figures above: `runs` counted navigations of each page (one more of each before, not counted). */
export async function pageFigures(runs: number): Promise<PageFigures> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-bench-page-"));
  const minimalDir = path.join(work, "minimal");
  await buildMinimalPage(minimalDir);
  // Whatever started is stopped, last first, however far the start got (a browser that cannot start
  // leaves no shell or page server behind).
  const stops: Array<() => Promise<void>> = [];
  let measured: Measured;
  try {
    const minimalServer = await serveStatic(minimalDir);
    stops.push(minimalServer.stop);
    const shell = await startBuiltShell();
    stops.push(shell.stop);
    const browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs });
    stops.push(() => browser.close());
    measured = await measure(browser, shell, minimalServer.origin, runs);
  } finally {
    for (const stop of stops.reverse()) await stop();
  }
  const appAssets = () => path.join(projectRoot, "dist/renderer/assets");
  const figures: PageFigures = {
    login: measured.login.sort((a, b) => a - b),
    minimal: measured.minimal.sort((a, b) => a - b),
    warm: measured.warm.sort((a, b) => a - b),
    beforeInteractive: weighed(measured.beforeInteractive, appAssets),
    atStart: weighed(measured.atStart, appAssets),
    minimalScripts: weighed(measured.minimalUrls, () => path.join(minimalDir, "assets")),
  };
  fs.rmSync(work, { recursive: true, force: true });
  return figures;
}
