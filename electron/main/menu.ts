import fs from "node:fs";
import path from "node:path";
import { app, Menu, shell, type MenuItemConstructorOptions } from "electron";
import type { MenuCommand } from "../../shared/contract/app.js";
import { languages, type Language } from "../../shared/languages.js";
import { userGuideFileName } from "../../shared/user-guide.js";
import { openUserGuide } from "./user-guide.js";

/** What the menu offers depends on: a packaged build has no developer items. */
export interface MenuPlan {
  packaged: boolean;
  platform: NodeJS.Platform;
  language: Language;
  /** The user guide's address when the build has one; no item otherwise. */
  userGuide: string | null;
}

/** What the menu's own items do (the rest are Electron's roles). */
export interface MenuActions {
  /** Asks the page to open one of its screens (the page decides whether it can, where it is). */
  sendToPage(command: MenuCommand): void;
  openLogFolder(): void;
  openUserGuide(): void;
  showAbout(): void;
}

type Labels = Record<
  | "app"
  | "file"
  | "quit"
  | "edit"
  | "undo"
  | "redo"
  | "cut"
  | "copy"
  | "paste"
  | "selectAll"
  | "view"
  | "zoomIn"
  | "zoomOut"
  | "actualSize"
  | "fullScreen"
  | "tools"
  | "connectivity"
  | "network"
  | "reload"
  | "devTools"
  | "window"
  | "minimize"
  | "close"
  | "help"
  | "userGuide"
  | "logFolder"
  | "about"
  | "hide"
  | "hideOthers"
  | "showAll",
  string
>;

/** The menu's words in both languages (one term per concept, as on the screens). */
export const menuLabels: Record<Language, Labels> = {
  en: {
    app: "CCMS Terminal",
    file: "&File",
    quit: "&Quit CCMS Terminal",
    edit: "&Edit",
    undo: "&Undo",
    redo: "&Redo",
    cut: "Cu&t",
    copy: "&Copy",
    paste: "&Paste",
    selectAll: "Select &All",
    view: "&View",
    zoomIn: "Zoom &In",
    zoomOut: "Zoom &Out",
    actualSize: "&Actual Size",
    fullScreen: "&Full Screen",
    tools: "&Tools",
    connectivity: "&Connectivity Check",
    network: "&Network Settings",
    reload: "&Reload (developers)",
    devTools: "&Developer Tools (developers)",
    window: "&Window",
    minimize: "&Minimise",
    close: "&Close Window",
    help: "&Help",
    userGuide: "&User Guide",
    logFolder: "Open the &Log Folder",
    about: "&About CCMS Terminal",
    hide: "Hide CCMS Terminal",
    hideOthers: "Hide Others",
    showAll: "Show All",
  },
  "zh-HK": {
    app: "CCMS Terminal",
    file: "檔案(&F)",
    quit: "結束 CCMS Terminal(&Q)",
    edit: "編輯(&E)",
    undo: "復原(&U)",
    redo: "重做(&R)",
    cut: "剪下(&T)",
    copy: "複製(&C)",
    paste: "貼上(&P)",
    selectAll: "全選(&A)",
    view: "檢視(&V)",
    zoomIn: "放大(&I)",
    zoomOut: "縮小(&O)",
    actualSize: "實際大小(&A)",
    fullScreen: "全螢幕(&F)",
    tools: "工具(&T)",
    connectivity: "連線檢查(&C)",
    network: "網絡設定(&N)",
    reload: "重新載入（開發人員）(&R)",
    devTools: "開發人員工具（開發人員）(&D)",
    window: "視窗(&W)",
    minimize: "最小化(&M)",
    close: "關閉視窗(&C)",
    help: "說明(&H)",
    userGuide: "使用指南(&U)",
    logFolder: "開啟記錄檔資料夾(&L)",
    about: "關於 CCMS Terminal(&A)",
    hide: "隱藏 CCMS Terminal",
    hideOthers: "隱藏其他",
    showAll: "顯示全部",
  },
};

/**
 * The app's own menu, instead of Electron's default (which offers Reload, the developer tools and
 * links to electronjs.org): editing, zoom, the app's tools (the connectivity check and the network
 * settings, the screens the sign-in page links to), the window, and Help with the user guide (when the
 * build has one), the log folder and About. Reload and the developer tools only when not packaged.
 */
export function appMenuTemplate(plan: MenuPlan, actions: MenuActions): MenuItemConstructorOptions[] {
  const t = menuLabels[plan.language];
  const mac = plan.platform === "darwin";
  const developer: MenuItemConstructorOptions[] = plan.packaged
    ? []
    : [
        { type: "separator" },
        { role: "reload", label: t.reload },
        { role: "toggleDevTools", label: t.devTools },
      ];
  const about: MenuItemConstructorOptions = { label: t.about, click: () => actions.showAbout() };
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: t.app,
      submenu: [
        about,
        { type: "separator" },
        { role: "hide", label: t.hide },
        { role: "hideOthers", label: t.hideOthers },
        { role: "unhide", label: t.showAll },
        { type: "separator" },
        { role: "quit", label: t.quit },
      ],
    });
  } else {
    template.push({ label: t.file, submenu: [{ role: "quit", label: t.quit }] });
  }
  template.push(
    {
      label: t.edit,
      submenu: [
        { role: "undo", label: t.undo },
        { role: "redo", label: t.redo },
        { type: "separator" },
        { role: "cut", label: t.cut },
        { role: "copy", label: t.copy },
        { role: "paste", label: t.paste },
        { role: "selectAll", label: t.selectAll },
      ],
    },
    {
      label: t.view,
      submenu: [
        { role: "resetZoom", label: t.actualSize },
        { role: "zoomIn", label: t.zoomIn },
        { role: "zoomOut", label: t.zoomOut },
        { type: "separator" },
        { role: "togglefullscreen", label: t.fullScreen },
        ...developer,
      ],
    },
    {
      label: t.tools,
      submenu: [
        { label: t.connectivity, click: () => actions.sendToPage({ command: "connectivity" }) },
        { label: t.network, click: () => actions.sendToPage({ command: "network" }) },
      ],
    },
    {
      label: t.window,
      submenu: [
        { role: "minimize", label: t.minimize },
        { role: "close", label: t.close },
      ],
    },
    {
      // Not role "help": on macOS that adds the system's search field, nothing of ours.
      label: t.help,
      submenu: [
        ...(plan.userGuide ? [{ label: t.userGuide, click: () => actions.openUserGuide() }] : []),
        { label: t.logFolder, click: () => actions.openLogFolder() },
        ...(mac ? [] : [{ type: "separator" as const }, about]),
      ],
    },
  );
  return template;
}

/** The menu's language: IT's choice for this computer, else the system's (Chinese → zh-HK). */
export function menuLanguage(machineLanguage: Language | null | undefined, systemLocale: string): Language {
  if (machineLanguage) return machineLanguage;
  return systemLocale.toLowerCase().startsWith("zh") ? "zh-HK" : "en";
}

/**
 * Sets the app's menu (once the app is ready): no developer items when packaged, in IT's language
 * for this computer or the system's. Help opens the printed user guide in the page's language (when
 * this build has it) and the log folder.
 */
export function setAppMenu(options: {
  logFolder: string;
  machineLanguage: Language | null | undefined;
  userGuideDir: string;
  pageLanguage: () => Promise<Language>;
  sendToPage: (command: MenuCommand) => void;
}): void {
  const hasGuide = languages.some((language) =>
    fs.existsSync(path.join(options.userGuideDir, userGuideFileName(language))),
  );
  const template = appMenuTemplate(
    {
      packaged: app.isPackaged,
      platform: process.platform,
      language: menuLanguage(options.machineLanguage, app.getLocale()),
      userGuide: hasGuide ? options.userGuideDir : null,
    },
    {
      sendToPage: options.sendToPage,
      openLogFolder: () => void shell.openPath(options.logFolder),
      openUserGuide: () =>
        void options
          .pageLanguage()
          .then((language) => openUserGuide((file) => shell.openPath(file), options.userGuideDir, language))
          .then((outcome) => {
            if (outcome.kind === "missing")
              console.warn(`The user guide ${outcome.file} is not in this build.`);
            if (outcome.kind === "not-opened")
              console.warn(`The user guide ${outcome.file} could not be opened: ${outcome.reason}`);
          }),
      showAbout: () => app.showAboutPanel(),
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
