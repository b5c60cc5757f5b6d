import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { MenuItemConstructorOptions } from "electron";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { appMenuTemplate, menuLabels, menuLanguage } from "../../../electron/main/menu.js";
import type { MainHandle } from "../../../electron/main/run-main.js";
import { closedPort } from "../../support/ports.js";
import { record, resetRecord } from "./electron-stand-in.js";

vi.mock("electron", async () => (await import("./electron-stand-in.js")).electronStandIn);

const { runMain } = await import("../../../electron/main/run-main.js");

type Item = MenuItemConstructorOptions;

/** Every item of a menu template, submenus' included. */
function allItems(template: Item[]): Item[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? allItems(item.submenu) : [])]);
}
const roles = (template: Item[]) => allItems(template).flatMap((item) => (item.role ? [item.role] : []));
const labels = (template: Item[]) => allItems(template).flatMap((item) => (item.label ? [item.label] : []));

let work: string;
let handle: MainHandle | null = null;
let server: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-menu-"));
  const bundleDir = path.join(work, "bundle", "dist-electron");
  fs.mkdirSync(path.resolve(bundleDir, "..", "dist", "renderer"), { recursive: true });
  fs.writeFileSync(path.resolve(bundleDir, "..", "dist", "renderer", "index.html"), "<!doctype html>");
  server = `https://127.0.0.1:${await closedPort()}/sso`;
});

afterEach(async () => {
  await handle?.services.close();
  handle = null;
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Runs the main process through the stand-in and returns the menu it set. */
async function menuOf(packaged: boolean, locale = "en-GB"): Promise<Item[]> {
  resetRecord();
  record.isPackaged = packaged;
  record.locale = locale;
  record.userData = fs.mkdtempSync(path.join(work, "data-"));
  handle = await runMain({
    argv: [".", "--server", server],
    bundleDir: path.join(work, "bundle", "dist-electron"),
  });
  expect(record.menu, "Menu.setApplicationMenu was not called").not.toBeNull();
  return record.menu as Item[];
}

describe("the app's menu, through the stand-in's Menu", () => {
  it("in a packaged build: no Reload, no developer tools, no links to Electron's site", async () => {
    const menu = await menuOf(true);
    expect(roles(menu)).not.toContain("reload");
    expect(roles(menu)).not.toContain("forceReload");
    expect(roles(menu)).not.toContain("toggleDevTools");
    expect(roles(menu)).not.toContain("help");
    expect(JSON.stringify(menu)).not.toMatch(/electron/i);
    expect(menu.map((item) => item.label)).toEqual(["&File", "&Edit", "&View", "&Window", "&Help"]);
  });

  it("run from source: Reload and the developer tools too", async () => {
    const menu = await menuOf(false);
    expect(roles(menu)).toEqual(expect.arrayContaining(["reload", "toggleDevTools"]));
  });

  it("Help opens the log folder (the app's log is in it) and shows About", async () => {
    const menu = await menuOf(true);
    const help = menu.find((item) => item.label === "&Help")?.submenu as Item[];
    const logItem = help.find((item) => item.label === menuLabels.en.logFolder);
    logItem?.click?.({} as never, undefined, {} as never);
    expect(record.openedPaths).toHaveLength(1);
    const folder = record.openedPaths[0] ?? "";
    expect(fs.readdirSync(folder)).toContain("ccms-terminal.log");
    help.find((item) => item.label === menuLabels.en.about)?.click?.({} as never, undefined, {} as never);
    expect(record.aboutPanels).toBe(1);
  });

  it("speaks Traditional Chinese on a Chinese system, with no English word but the product's name", async () => {
    const menu = await menuOf(true, "zh-HK");
    for (const label of labels(menu)) {
      expect(label.replace("CCMS Terminal", "").replace(/\(&[A-Z]\)/, ""), label).not.toMatch(/[A-Za-z]/);
    }
  });
});

describe("the menu's template", () => {
  it("has the same items in both languages", () => {
    for (const packaged of [true, false]) {
      const plan = { packaged, platform: "win32" as const, userGuide: null };
      const actions = { openLogFolder() {}, openUserGuide() {}, showAbout() {} };
      const en = appMenuTemplate({ ...plan, language: "en" }, actions);
      const zh = appMenuTemplate({ ...plan, language: "zh-HK" }, actions);
      expect(roles(zh)).toEqual(roles(en));
      expect(labels(zh)).toHaveLength(labels(en).length);
    }
  });

  it("offers the user guide only when the build has one", () => {
    const actions = { openLogFolder() {}, openUserGuide: vi.fn(), showAbout() {} };
    const plan = { packaged: true, platform: "win32" as const, language: "en" as const };
    expect(labels(appMenuTemplate({ ...plan, userGuide: null }, actions))).not.toContain("&User Guide");
    const withGuide = allItems(appMenuTemplate({ ...plan, userGuide: "guide.html" }, actions));
    withGuide.find((item) => item.label === "&User Guide")?.click?.({} as never, undefined, {} as never);
    expect(actions.openUserGuide).toHaveBeenCalledOnce();
  });

  it("puts About and Quit in the app menu on macOS", () => {
    const actions = { openLogFolder() {}, openUserGuide() {}, showAbout() {} };
    const mac = appMenuTemplate(
      { packaged: true, platform: "darwin", language: "en", userGuide: null },
      actions,
    );
    expect(mac[0]?.label).toBe("CCMS Terminal");
    expect(roles([mac[0] as Item])).toContain("quit");
  });

  it("takes IT's language for this computer first, then the system's", () => {
    expect(menuLanguage("en", "zh-TW")).toBe("en");
    expect(menuLanguage(null, "zh-HK")).toBe("zh-HK");
    expect(menuLanguage(undefined, "en-US")).toBe("en");
  });
});
