import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { brokenLinks, documentationFiles } from "../../support/markdown-links.js";

const root = path.resolve(import.meta.dirname, "../../..");

describe("the documentation's links", () => {
  it("every relative link, image and anchor in README.md and docs/ leads somewhere", () => {
    const files = documentationFiles(root);
    expect(files.length).toBeGreaterThan(5);
    expect(brokenLinks(files)).toEqual([]);
  });

  describe("the check itself", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-links-"));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, text: string) => {
      fs.writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };

    it("finds a missing file, a missing image and a missing anchor, and takes GitHub's slugs", () => {
      const other = write(
        "other.md",
        [
          "# Other",
          "## Electron's sandbox on Linux",
          "## Machine-wide `defaults.json` & **locks**",
          "## Notes",
          "## Notes",
          '<a id="kept-anchor"></a>',
        ].join("\n\n"),
      );
      const page = write(
        "page.md",
        [
          "# Page",
          "## Here (for IT staff)",
          "[fine](other.md#electrons-sandbox-on-linux) [fine](other.md#machine-wide-defaultsjson--locks)",
          "[fine](other.md#notes-1) [fine](#here-for-it-staff) [fine](other.md#kept-anchor) [fine](https://example.hk/x#y)",
          "[gone](missing.md) ![gone](images/none.png) [no anchor](other.md#sandbox) [no anchor](#there)",
          "```md\n[inside code](nowhere.md)\n```",
        ].join("\n\n"),
      );
      expect(brokenLinks([page, other]).map(({ href, problem }) => `${href}: ${problem}`)).toEqual([
        "missing.md: missing.md does not exist",
        "images/none.png: none.png does not exist",
        "other.md#sandbox: other.md has no heading #sandbox",
        "#there: page.md has no heading #there",
      ]);
    });
  });
});
