import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test as base, expect, type ElectronApplication } from "@playwright/test";
import { Simulator, type SimulatorLaunchOptions } from "./simulator/simulator.js";
import { findElectron, launchElectronApp } from "./terminal/electron-app.js";
import { type Locale } from "./terminal/labels.js";
import { PageErrors } from "./terminal/page-errors.js";
import { type ShellKind, Terminal } from "./terminal/terminal.js";
import { launchWebShell, type WebShell } from "./terminal/web-shell.js";

export interface QaWorkerFixtures {
  /** This worker's standalone simulator: fast hashing, seeded OTPs, its own data folder. */
  simulator: Simulator;
  /** Scenario, schedule and seed of the worker's simulator (`test.use({ simulatorOptions: … })`). */
  simulatorOptions: SimulatorLaunchOptions;
}

export interface QaTestFixtures {
  /** The app, connected to `simulator`, at the login screen, with a fresh data folder. */
  terminal: Terminal;
  /** Which shell runs the app: `web` (the browser shell, default) or `electron` (skipped where Electron's binary is missing). */
  shell: ShellKind;
  /** Extra flags for the app (`--proxy http://…`, …). */
  shellArgs: string[];
  /** Environment variables for the app's process (a value of `undefined` removes one). */
  shellEnv: Record<string, string | undefined>;
  /** The browser shell behind `terminal` (web only): its address and API token. */
  webShell: WebShell | null;
  /**
   * The uncaught errors of the test's pages: every page of its browser context and the desktop app's
   * windows, each watched from its creation. Any error fails the test.
   */
  pageErrors: PageErrors;
}

/** Whether this worker said once why the Electron shell's tests are skipped. */
let electronSkipSaid = false;

/** Playwright's `test` with the kit's fixtures. */
export const test = base.extend<QaTestFixtures & { terminalDataDir: string }, QaWorkerFixtures>({
  simulatorOptions: [{}, { scope: "worker", option: true }],
  simulator: [
    async ({ simulatorOptions }, use) => {
      const simulator = await Simulator.launch(simulatorOptions);
      try {
        await use(simulator);
      } finally {
        await simulator.stop();
      }
    },
    { scope: "worker", title: "simulator" },
  ],
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  pageErrors: async ({}, use) => {
    const errors = new PageErrors();
    await use(errors);
    errors.expectNone();
  },
  context: async ({ context, pageErrors }, use) => {
    pageErrors.watchContext(context);
    await use(context);
  },
  shell: ["web", { option: true }],
  shellArgs: [[], { option: true }],
  shellEnv: [{}, { option: true }],
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  terminalDataDir: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-qa-app-"));
    try {
      await use(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
  webShell: async ({ shell, simulator, terminalDataDir, shellArgs, shellEnv, context }, use) => {
    if (shell !== "web") return use(null);
    const web = await launchWebShell({
      server: simulator,
      dataDir: terminalDataDir,
      args: shellArgs,
      env: shellEnv,
    });
    try {
      await use(web);
    } finally {
      // The pages close before the app's process stops, as a window closes before its app: a page
      // whose server went away while it loaded a part of itself would throw.
      for (const page of context.pages()) await page.close();
      await web.program.stop();
    }
  },
  terminal: [
    async (
      {
        shell,
        locale,
        simulator,
        terminalDataDir,
        shellArgs,
        shellEnv,
        webShell,
        pageErrors,
        page: browserPage,
      },
      use,
      testInfo,
    ) => {
      let app: ElectronApplication | undefined;
      let page = browserPage;
      if (shell === "electron") {
        const found = findElectron();
        if ("reason" in found) {
          const reason = `Electron cannot run here: ${found.reason}`;
          if (!electronSkipSaid)
            process.stderr.write(`ccms-terminal-emulator/qa: skipping shell "electron" tests. ${reason}\n`);
          electronSkipSaid = true;
          testInfo.skip(true, reason);
          return;
        }
        app = await launchElectronApp({
          binary: found.binary,
          server: simulator,
          dataDir: terminalDataDir,
          args: shellArgs,
          env: shellEnv,
        });
        pageErrors.watchContext(app.context());
        page = await app.firstWindow();
        pageErrors.watch(page);
      } else if (webShell !== null) {
        await page.goto(webShell.launchUrl);
      }
      try {
        const terminal = new Terminal(page, appLocale(locale), shell, terminalDataDir, simulator);
        await terminal.ready();
        await use(terminal);
      } finally {
        await app?.close();
      }
    },
    { title: "terminal" },
  ],
});

export { expect };

/**
 * The app's language from Playwright's own `locale` option (`test.use({ locale: "zh-HK" })`), which
 * also sets the browser's: any Chinese locale is `zh-HK`, anything else (or none) English.
 */
function appLocale(locale: string | undefined): Locale {
  return locale?.toLowerCase().startsWith("zh") ? "zh-HK" : "en";
}
