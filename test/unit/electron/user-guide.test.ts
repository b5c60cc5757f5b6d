import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outsideAsar } from "../../../electron/main/paths.js";
import { openUserGuide, pageLanguage } from "../../../electron/main/user-guide.js";

let dir: string;
let opened: string[];

/** Electron's `shell.openPath`, which needs a desktop: it answers "" once opened, else why not. */
const openPath =
  (answer = "") =>
  async (file: string) => {
    opened.push(file);
    return answer;
  };

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-guide-open-"));
  fs.writeFileSync(path.join(dir, "ccms-terminal-user-guide.zh-HK.pdf"), "%PDF-1.4\n");
  opened = [];
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the Help menu's user guide", () => {
  it("opens the guide in the language asked for with the computer's PDF viewer", async () => {
    const file = path.join(dir, "ccms-terminal-user-guide.zh-HK.pdf");
    expect(await openUserGuide(openPath(), dir, "zh-HK")).toEqual({ kind: "opened", file });
    expect(opened).toEqual([file]);
  });

  it("says the guide is missing from this copy, without asking the system to open anything", async () => {
    expect(await openUserGuide(openPath(), dir, "en")).toEqual({
      kind: "missing",
      file: path.join(dir, "ccms-terminal-user-guide.en.pdf"),
    });
    expect(opened).toEqual([]);
  });

  it("passes on the system's reason when no viewer opens it", async () => {
    const outcome = await openUserGuide(openPath("No application is associated with the file"), dir, "zh-HK");
    expect(outcome).toMatchObject({
      kind: "not-opened",
      reason: "No application is associated with the file",
    });
  });

  it("takes the page's language from <html lang>, English when the page cannot say", async () => {
    const answering = (value: unknown) => ({ executeJavaScript: async () => value });
    expect(await pageLanguage(answering("zh-HK"))).toBe("zh-HK");
    expect(await pageLanguage(answering("en"))).toBe("en");
    expect(await pageLanguage(answering("fr"))).toBe("en");
    expect(
      await pageLanguage({
        executeJavaScript: async () => {
          throw new Error("Script failed to execute");
        },
      }),
    ).toBe("en");
  });

  it("finds the guide beside app.asar in a package, where a viewer can read it", () => {
    expect(outsideAsar("/opt/CCMS Terminal/resources/app.asar/dist/guide")).toBe(
      "/opt/CCMS Terminal/resources/app.asar.unpacked/dist/guide",
    );
    expect(outsideAsar("C:\\Program Files\\CCMS Terminal\\resources\\app.asar\\dist\\guide")).toBe(
      "C:\\Program Files\\CCMS Terminal\\resources\\app.asar.unpacked\\dist\\guide",
    );
    expect(outsideAsar("/work/checkout/dist/guide")).toBe("/work/checkout/dist/guide");
  });
});
