/**
 * `npm run guide -- --out <dir>`: prints the user guide, `ccms-terminal-user-guide.en.pdf` and
 * `ccms-terminal-user-guide.zh-HK.pdf`, with Chromium from the guide's own words in each language
 * and the app's screens in that language (the screenshots of `npm run docs:screenshots`).
 *
 * `npm run build` runs it with `--if-stale --optional` into `dist/guide/`, which both shells serve:
 * nothing is printed while the PDFs are newer than everything they are made from, and where no
 * Chromium, Chrome or Edge is found the build goes on without the guide and says so.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { exitCodes } from "../../shared/cli.js";
import { languages } from "../../shared/languages.js";
import { userGuideFileName, userGuideFolder } from "../../shared/user-guide.js";
import { findChromium, launchChromium } from "./browser.js";
import { missingImages, printGuides } from "./guide/print-guides.js";
import { committedImagesDir } from "./shots.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

const usage = `Usage: npm run guide -- [--out <dir>] [--images <dir>] [--if-stale] [--optional]
  --out <dir>      where the PDFs go (default: dist/${userGuideFolder})
  --images <dir>   the screenshots to print (default: ${committedImagesDir})
  --if-stale       print only when a PDF is missing or older than what it is made from
  --optional       where no Chromium, Chrome or Edge is found, say so and exit 0`;

interface Options {
  out: string;
  images: string;
  ifStale: boolean;
  optional: boolean;
}

function readOptions(argv: string[]): Options | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: "string" },
      images: { type: "string" },
      "if-stale": { type: "boolean" },
      optional: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return "help";
  return {
    out: path.resolve(values.out ?? path.join(root, "dist", userGuideFolder)),
    images: path.resolve(values.images ?? path.join(root, committedImagesDir)),
    ifStale: values["if-stale"] ?? false,
    optional: values.optional ?? false,
  };
}

/** The newest modification time among the guide's sources, its screenshots and the app's words. */
function newestInput(imagesDir: string): number {
  const folders = [path.join(root, "build", "docs", "guide"), path.join(root, "renderer", "i18n"), imagesDir];
  const files = folders.flatMap((folder) =>
    fs
      .readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name)),
  );
  const sources = ["package.json", "build/docs/guide.ts", "build/docs/shots.ts", "build/docs/browser.ts"];
  return Math.max(
    ...[...sources.map((file) => path.join(root, file)), ...files].map((file) => fs.statSync(file).mtimeMs),
  );
}

function upToDate(options: Options): boolean {
  const outputs = languages.map((language) => path.join(options.out, userGuideFileName(language)));
  if (!outputs.every((file) => fs.existsSync(file))) return false;
  const oldest = Math.min(...outputs.map((file) => fs.statSync(file).mtimeMs));
  return oldest > newestInput(options.images);
}

async function main(): Promise<void> {
  let options: Options | "help";
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`guide: ${(error as Error).message}\n\n${usage}\n`);
    process.exit(exitCodes.usage);
  }
  if (options === "help") {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const where = path.relative(process.cwd(), options.out) || ".";
  if (options.ifStale && upToDate(options)) {
    console.log(`User guide: up to date in ${where}.`);
    return;
  }
  const missing = missingImages(options.images);
  if (missing.length > 0) {
    process.stderr.write(
      `guide: ${options.images} lacks ${missing.join(", ")}. Run npm run docs:screenshots first.\n`,
    );
    process.exit(exitCodes.failure);
  }
  if (options.optional && findChromium() === null) {
    console.log(
      "User guide: not printed, as no Chromium, Chrome or Edge was found (set CCMS_CHROMIUM to one); the app runs without it.",
    );
    return;
  }
  const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    version: string;
  };
  const browser = await launchChromium();
  try {
    const printed = await printGuides({ browser, outDir: options.out, imagesDir: options.images, version });
    for (const guide of printed) {
      console.log(
        `User guide: ${path.relative(process.cwd(), guide.file)} (${guide.figures} screenshots, ${Math.round(guide.bytes / 1024)} KB)`,
      );
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`guide: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(exitCodes.failure);
});
