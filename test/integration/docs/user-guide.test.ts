import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { figuresOf } from "../../../build/docs/guide/content.js";
import { guides } from "../../../build/docs/guide/print-guides.js";
import { shotFileName } from "../../../build/docs/shots.js";
import { Labels } from "../../../qa/terminal/labels.js";
import { languages, type Language } from "../../../shared/languages.js";
import { userGuideFileName } from "../../../shared/user-guide.js";

const root = path.resolve(import.meta.dirname, "../../..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const runGuide = (args: string[]) =>
  spawnSync(tsx, [path.join(root, "build/docs/guide.ts"), ...args], { cwd: root, encoding: "utf8" });
/** A poppler tool's output (poppler-utils, installed by the test preparation). */
const poppler = (tool: string, args: string[]) => {
  const run = spawnSync(tool, args, { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  if (run.error || run.status !== 0) throw new Error(`${tool} failed: ${run.error?.message ?? run.stderr}`);
  return run.stdout;
};
const cjk = /[\u3400-\u9fff\uf900-\ufaff]/gu;
const oneLine = (text: string) => text.replace(/\s+/g, " ");

let out: string;
const pdf = (language: Language) => path.join(out, userGuideFileName(language));
const textOf = (language: Language) => oneLine(poppler("pdftotext", ["-enc", "UTF-8", pdf(language), "-"]));
/** The rows of `pdfimages -list`: one per image drawn, with its width and height in pixels. */
const imagesOf = (language: Language) =>
  poppler("pdfimages", ["-list", pdf(language)])
    .split("\n")
    .slice(2)
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [, , , width, height] = line.trim().split(/\s+/);
      return { width: Number(width), height: Number(height) };
    });

/** What HKEX's user guides covered and each of ours must: the sections by id, in this order. */
const requiredSections = [
  "dates",
  "sign-in",
  "mailbox",
  "new-code",
  "wrong-code",
  "smartcard",
  "after-decommissioning",
  "locked",
  "delegated-administrators",
  "connectivity",
];

describe("npm run guide: the user guide, printed by Chromium in both languages", () => {
  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-guide-"));
    const run = runGuide(["--out", out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(userGuideFileName("zh-HK"));
  }, 180_000);
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it.each(languages)("the %s guide has every section, in its order, and the circulars' dates", (language) => {
    const text = textOf(language);
    const { sections, contentsTitle } = guides[language];
    expect(sections.map(({ id }) => id)).toEqual(requiredSections);
    // The contents list every section ("3. …"); the sections follow, each headed "3 …".
    let from = text.indexOf(contentsTitle);
    expect(from).toBeGreaterThan(0);
    sections.forEach(({ title }, index) => {
      from = text.indexOf(`${index + 1}. ${title}`, from);
      expect(from, `"${title}" in the ${language} guide's contents`).toBeGreaterThan(0);
    });
    sections.forEach(({ title }, index) => {
      const at = text.indexOf(`${index + 1} ${title}`, from);
      expect(at, `section ${index + 1}, "${title}", in the ${language} guide, in its order`).toBeGreaterThan(
        from,
      );
      from = at;
    });
    const dates =
      language === "en"
        ? ["19 Dec 2022", "20 Mar 2023", "28 Apr 2023", "Late May 2023", "Late Jul 2023"]
        : ["2022年12月19日", "2023年3月20日", "2023年4月28日", "2023年5月下旬", "2023年7月下旬"];
    for (const date of dates) expect(text).toContain(date);
  });

  it("the Chinese guide is written in Chinese, with the app's own words for its controls", () => {
    const text = textOf("zh-HK");
    expect(text.match(cjk)?.length ?? 0).toBeGreaterThan(2000);
    expect(text).toContain("您");
    // Named as the Chinese screens name them, never in English.
    const labels = new Labels("zh-HK");
    for (const key of [
      "otp.resend",
      "otp.mailbox",
      "smartcard.fallbackLink",
      "admin.tile",
      "connectivity.run",
    ]) {
      expect(text).toContain(labels.text(key));
      expect(text).not.toContain(new Labels("en").text(key));
    }
    expect(textOf("en").match(cjk)).toBeNull();
  });

  it.each(languages)(
    "the %s guide holds one screenshot per figure, at the width they were taken",
    (language) => {
      const images = imagesOf(language);
      const figures = figuresOf(guides[language]);
      expect(images).toHaveLength(figures.length);
      expect(new Set(figures).size, "no screenshot twice").toBe(figures.length);
      for (const image of images) expect(image.width).toBe(1000);
    },
  );

  it("says which screenshots are missing, and writes nothing, when the images folder lacks them", () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-guide-empty-"));
    const target = path.join(empty, "out");
    try {
      const run = runGuide(["--out", target, "--images", empty]);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(shotFileName("sign-in", "zh-HK"));
      expect(run.stderr).toContain("npm run docs:screenshots");
      expect(fs.existsSync(target)).toBe(false);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it("with --if-stale, prints nothing while the guides are newer than what they are made from", () => {
    const before = fs.statSync(pdf("en")).mtimeMs;
    const run = runGuide(["--out", out, "--if-stale"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("up to date");
    expect(fs.statSync(pdf("en")).mtimeMs).toBe(before);
  });

  it("refuses an unknown flag with the usage", () => {
    const run = runGuide(["--pages", "3"]);
    expect(run.status).toBe(64);
    expect(run.stderr).toContain("Usage: npm run guide");
  });
});
