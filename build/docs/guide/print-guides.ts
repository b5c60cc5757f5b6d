import fs from "node:fs";
import path from "node:path";
import type { Browser } from "@playwright/test";
import { languages, type Language } from "../../../shared/languages.js";
import { userGuideFileName } from "../../../shared/user-guide.js";
import { shotFileName } from "../shots.js";
import { figuresOf, type GuideText } from "./content.js";
import { footerHtml, guideHtml } from "./guide-html.js";
import { guideEn } from "./text-en.js";
import { guideZhHk } from "./text-zh-hk.js";

export const guides: Record<Language, GuideText> = { en: guideEn, "zh-HK": guideZhHk };

export interface PrintedGuide {
  language: Language;
  file: string;
  figures: number;
  bytes: number;
}

/** The screenshots a guide needs that `imagesDir` lacks, as file names. */
export function missingImages(imagesDir: string): string[] {
  return languages.flatMap((language) =>
    figuresOf(guides[language])
      .map((shot) => shotFileName(shot, language))
      .filter((name) => !fs.existsSync(path.join(imagesDir, name))),
  );
}

/**
 * Prints both guides with Chromium into `outDir`. Each PDF is written beside its final name and then
 * renamed, so a failed print leaves any earlier guide whole.
 */
export async function printGuides(options: {
  browser: Browser;
  outDir: string;
  imagesDir: string;
  version: string;
  printedAt?: Date;
}): Promise<PrintedGuide[]> {
  fs.mkdirSync(options.outDir, { recursive: true });
  const page = await options.browser.newPage();
  try {
    const printed: PrintedGuide[] = [];
    for (const language of languages) {
      const guide = guides[language];
      const html = guideHtml({
        guide,
        imagesDir: options.imagesDir,
        version: options.version,
        printedAt: options.printedAt ?? new Date(),
      });
      await page.setContent(html, { waitUntil: "load" });
      await page.evaluate("document.fonts.ready.then(() => true)");
      const file = path.join(options.outDir, userGuideFileName(language));
      const partial = `${file}.partial`;
      await page.pdf({
        path: partial,
        format: "A4",
        printBackground: true,
        margin: { top: "16mm", bottom: "18mm", left: "18mm", right: "18mm" },
        displayHeaderFooter: true,
        headerTemplate: "<span></span>",
        footerTemplate: footerHtml(guide),
        outline: true,
        tagged: true,
      });
      fs.renameSync(partial, file);
      printed.push({ language, file, figures: figuresOf(guide).length, bytes: fs.statSync(file).size });
    }
    return printed;
  } finally {
    await page.close();
  }
}
