/**
 * `npm run docs:screenshots [-- --out <dir>] [--no-optimise]`: walks through the app as the guides do,
 * in English and Traditional Chinese, with the QA kit's page objects against the browser shell and its
 * built-in simulator, and writes one PNG per screen and language (`<screen>.<language>.png`).
 * `npm test` runs it into a temporary folder, so a step the guides show that the app no longer has
 * fails the run. Nothing is written to `--out` unless every screenshot was taken.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { type Browser } from "@playwright/test";
import { launchWebShell, type WebShell } from "../../qa/terminal/web-shell.js";
import { languages, type Language } from "../../shared/languages.js";
import { exitCodes } from "../../shared/cli.js";
import { launchChromium } from "./browser.js";
import { optimisePngs } from "./optimise-png.js";
import { committedImagesDir, shotFileName, shots, shotsIn, type Shot } from "./shots.js";
import { Tour, type Snap } from "./tour.js";

const usage = `Usage: npm run docs:screenshots -- [--out <dir>] [--no-optimise]
  --out <dir>      where the PNGs go (default: ${committedImagesDir})
  --no-optimise    leave the PNGs as Chromium wrote them (no pngquant)`;

/** The window the screenshots are taken in: room for the login card and the banner, small files. */
const viewport = { width: 1000, height: 720 };

/** Playwright's locale for each of the app's languages: the app starts in the browser's language. */
const browserLocale: Record<Language, string> = { en: "en-GB", "zh-HK": "zh-HK" };

interface Options {
  out: string;
  optimise: boolean;
}

function readOptions(argv: string[]): Options | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: "string" },
      "no-optimise": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return "help";
  return { out: path.resolve(values.out ?? committedImagesDir), optimise: !values["no-optimise"] };
}

async function main(): Promise<void> {
  let options: Options | "help";
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`docs:screenshots: ${(error as Error).message}\n\n${usage}\n`);
    process.exit(exitCodes.usage);
  }
  if (options === "help") {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const started = Date.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-docs-shots-"));
  let shell: WebShell | undefined;
  let browser: Browser | undefined;
  try {
    const staged = path.join(work, "images");
    fs.mkdirSync(staged);
    [shell, browser] = await Promise.all([
      launchWebShell({ dataDir: path.join(work, "app-data"), timeoutMs: 60_000 }),
      launchChromium(),
    ]);
    for (const language of languages) {
      const taken = await takeScreenshots(browser, shell.launchUrl, language, staged);
      const missing = shotsIn(language).filter((shot) => !taken.has(shot));
      if (missing.length > 0) throw new Error(`The ${language} tour took no ${missing.join(", ")}.`);
      console.log(`${language}: ${taken.size} screenshots`);
    }
    const files = fs.readdirSync(staged).map((name) => path.join(staged, name));
    if (options.optimise) {
      const result = optimisePngs(files);
      console.log(
        result.skipped
          ? `Not optimised: ${result.skipped}.`
          : `pngquant: ${kb(result.before)} → ${kb(result.after)} for ${files.length} PNGs.`,
      );
    }
    publish(files, options.out);
    console.log(
      `Wrote ${files.length} screenshots (${shots.length} screens, in ${languages.join(" and ")}) to ${path.relative(process.cwd(), options.out) || "."} in ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    );
  } finally {
    await browser?.close();
    await shell?.program.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** One language's tour in a browser context of its own; returns the screens taken. */
async function takeScreenshots(
  browser: Browser,
  url: string,
  language: Language,
  dir: string,
): Promise<Set<Shot>> {
  const context = await browser.newContext({
    viewport,
    locale: browserLocale[language],
    timezoneId: "Asia/Hong_Kong",
    reducedMotion: "reduce",
    acceptDownloads: true,
  });
  context.setDefaultTimeout(20_000);
  const taken = new Set<Shot>();
  const pageErrors: string[] = [];
  try {
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(url);
    const snap: Snap = async (shot, of = {}) => {
      if (taken.has(shot)) throw new Error(`The tour took "${shot}" twice.`);
      if (!shotsIn(language).includes(shot)) return;
      const shown = of.page ?? page;
      await shown.mouse.move(0, 0);
      await shown.evaluate("document.fonts.ready.then(() => true)");
      const file = path.join(dir, shotFileName(shot, language));
      const look = { path: file, animations: "disabled", caret: "hide" } as const;
      await (of.part ? of.part.screenshot(look) : shown.screenshot({ ...look, fullPage: true }));
      taken.add(shot);
    };
    try {
      await new Tour(page, language, snap).run();
    } catch (error) {
      const last = [...taken].at(-1);
      const where = last ? `after the screenshot "${last}"` : "before the first screenshot";
      throw new Error(`The ${language} tour stopped ${where}: ${(error as Error).message}`, { cause: error });
    }
    if (pageErrors.length > 0) throw new Error(`Uncaught errors in the page: ${pageErrors.join("; ")}`);
    return taken;
  } finally {
    await context.close();
  }
}

/** Copies the new PNGs into `out` and removes screenshots of screens the tour no longer takes. */
function publish(files: string[], out: string): void {
  fs.mkdirSync(out, { recursive: true });
  const names = new Set(files.map((file) => path.basename(file)));
  const ours = new RegExp(`\\.(${languages.join("|")})\\.png$`);
  for (const name of fs.readdirSync(out)) {
    if (ours.test(name) && !names.has(name)) fs.rmSync(path.join(out, name));
  }
  for (const file of files) fs.copyFileSync(file, path.join(out, path.basename(file)));
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

main().catch((error: unknown) => {
  process.stderr.write(`docs:screenshots: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(exitCodes.failure);
});
