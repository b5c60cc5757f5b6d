import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { MenuItemConstructorOptions } from "electron";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { appMenuTemplate, menuLabels, menuLanguage } from "../../../electron/main/menu.js";
import type { MainHandle } from "../../../electron/main/run-main.js";
import { createBridge } from "../../../electron/preload/bridge.js";
import { followMenuCommands } from "../../../renderer/app/menu-commands.js";
import { useNav } from "../../../renderer/app/nav-store.js";
import { ccms, installApi } from "../../../renderer/bridge/index.js";
import { useSession } from "../../../renderer/features/session/session-store.js";
import type { MenuCommand } from "../../../shared/contract/app.js";
import { ipcChannel } from "../../../shared/contract/names.js";
import { sessionInfoSchema } from "../../../shared/wire/authn.js";
import { closedPort } from "../../support/ports.js";
import { electronStandIn, record, resetRecord, type FakeBrowserWindow } from "./electron-stand-in.js";

vi.mock("electron", async () => (await import("./electron-stand-in.js")).electronStandIn);

const { runMain } = await import("../../../electron/main/run-main.js");

type Item = MenuItemConstructorOptions;

/** Every item of a menu template, submenus' included. */
function allItems(template: Item[]): Item[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? allItems(item.submenu) : [])]);
}
const roles = (template: Item[]) => allItems(template).flatMap((item) => (item.role ? [item.role] : []));
const labels = (template: Item[]) => allItems(template).flatMap((item) => (item.label ? [item.label] : []));
/** Chooses the item labelled `label`, as a click on it does. */
function choose(template: Item[], label: string): void {
  const item = allItems(template).find((each) => each.label === label);
  if (!item?.click) throw new Error(`The menu has no item "${label}" to choose.`);
  item.click({} as never, undefined, {} as never);
}
const noActions = { sendToPage() {}, openLogFolder() {}, openUserGuide() {}, showAbout() {} };

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
    expect(menu.map((item) => item.label)).toEqual(["&File", "&Edit", "&View", "&Tools", "&Window", "&Help"]);
  });

  it("run from source: Reload and the developer tools too", async () => {
    const menu = await menuOf(false);
    expect(roles(menu)).toEqual(expect.arrayContaining(["reload", "toggleDevTools"]));
  });

  it.each([true, false])(
    "packaged %s: Tools opens the connectivity check and the network settings",
    async (packaged) => {
      const menu = await menuOf(packaged);
      const tools = menu.find((item) => item.label === menuLabels.en.tools)?.submenu as Item[];
      expect(labels(tools)).toEqual([menuLabels.en.connectivity, menuLabels.en.network]);
    },
  );

  it("sends the chosen tool to the window as the contract's app.menuCommand", async () => {
    const menu = await menuOf(true);
    const window = record.windows[0] as FakeBrowserWindow;
    choose(menu, menuLabels.en.network);
    choose(menu, menuLabels.en.connectivity);
    const sent = window.webContents.sent.filter((each) => each.channel === ipcChannel("app.menuCommand"));
    expect(sent.map((each) => each.payload)).toEqual([{ command: "network" }, { command: "connectivity" }]);
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
      const sent: { language: string; command: MenuCommand }[] = [];
      const menus = (["en", "zh-HK"] as const).map((language) => {
        const actions = {
          ...noActions,
          sendToPage: (command: MenuCommand) => sent.push({ language, command }),
        };
        const menu = appMenuTemplate({ ...plan, language }, actions);
        choose(menu, menuLabels[language].connectivity);
        choose(menu, menuLabels[language].network);
        return menu;
      });
      const [en, zh] = menus as [Item[], Item[]];
      expect(roles(zh)).toEqual(roles(en));
      expect(labels(zh)).toHaveLength(labels(en).length);
      expect(sent.map((each) => `${each.language} ${each.command.command}`)).toEqual([
        "en connectivity",
        "en network",
        "zh-HK connectivity",
        "zh-HK network",
      ]);
    }
  });

  it("offers the user guide only when the build has one", () => {
    const actions = { ...noActions, openUserGuide: vi.fn() };
    const plan = { packaged: true, platform: "win32" as const, language: "en" as const };
    expect(labels(appMenuTemplate({ ...plan, userGuide: null }, actions))).not.toContain("&User Guide");
    const withGuide = allItems(appMenuTemplate({ ...plan, userGuide: "guide.html" }, actions));
    withGuide.find((item) => item.label === "&User Guide")?.click?.({} as never, undefined, {} as never);
    expect(actions.openUserGuide).toHaveBeenCalledOnce();
  });

  it("puts About and Quit in the app menu on macOS", () => {
    const mac = appMenuTemplate(
      { packaged: true, platform: "darwin", language: "en", userGuide: null },
      noActions,
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

describe("the menu's tools, through the preload's bridge to the page's screens", () => {
  const signedIn = sessionInfoSchema.parse({
    userId: "demo.user",
    displayName: "Demo User",
    role: "user",
    participant: "CP001",
    participantName: "Demo Participant",
    clearingHouse: "HKSCC",
    authMethod: "otp",
    issuedAt: "2026-01-05T01:00:00.000Z",
    idleExpiresAt: "2026-01-05T01:15:00.000Z",
    absoluteExpiresAt: "2026-01-05T09:00:00.000Z",
  });
  let menu: Item[];
  let stopFollowing: () => void = () => {};

  /** The main process with its menu, and a page following it over the preload's bridge on the stand-in's IPC. */
  async function pageAndMenu(): Promise<void> {
    menu = await menuOf(true);
    installApi(createBridge(electronStandIn.ipcRenderer as never));
    useNav.setState({ screen: "login", notice: null });
    useSession.setState({ session: null, locked: false });
    const stopMenu = followMenuCommands();
    const stopSession = useSession.getState().follow();
    stopFollowing = () => {
      stopMenu();
      stopSession();
    };
    // Both follow once the bridge is there: after this, they are listening.
    await ccms();
  }

  afterEach(() => stopFollowing());

  it("signed out: opens either screen from the sign-in page and from each other", async () => {
    await pageAndMenu();
    choose(menu, menuLabels.en.connectivity);
    expect(useNav.getState().screen).toBe("connectivity");
    choose(menu, menuLabels.en.network);
    expect(useNav.getState().screen).toBe("network");
    choose(menu, menuLabels.en.connectivity);
    expect(useNav.getState().screen).toBe("connectivity");
  });

  it("leaves a sign-in between its steps where it is", async () => {
    await pageAndMenu();
    useNav.getState().go("otp");
    choose(menu, menuLabels.en.connectivity);
    choose(menu, menuLabels.en.network);
    expect(useNav.getState().screen).toBe("otp");
  });

  it("signed in: the connectivity check from the desktop; no network settings; nothing while locked", async () => {
    await pageAndMenu();
    handle?.services.events.emit("session.changed", { session: signedIn, locked: false });
    expect(useNav.getState().screen).toBe("desktop");
    choose(menu, menuLabels.en.network);
    expect(useNav.getState().screen).toBe("desktop");
    choose(menu, menuLabels.en.connectivity);
    expect(useNav.getState().screen).toBe("connectivity");

    useNav.getState().go("desktop");
    handle?.services.events.emit("session.changed", { session: signedIn, locked: true });
    choose(menu, menuLabels.en.connectivity);
    expect(useNav.getState().screen).toBe("desktop");
  });
});
