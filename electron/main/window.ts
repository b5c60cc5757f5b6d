import { BrowserWindow, type BrowserWindowConstructorOptions, type WebContents } from "electron";

/** The renderer's privileges: none beyond a web page's, plus the preload's `window.ccms`. */
export function hardenedWebPreferences(
  preload: string,
): NonNullable<BrowserWindowConstructorOptions["webPreferences"]> {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** No navigation away from the app, no new windows, no embedded webviews. */
export function lockDownContents(contents: WebContents): void {
  contents.on("will-navigate", (event) => event.preventDefault());
  contents.on("will-redirect", (event) => event.preventDefault());
  contents.on("will-attach-webview", (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: "deny" }));
}

export function createMainWindow(preload: string, url: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    title: "CCMS Terminal",
    show: false,
    backgroundColor: "#ffffff",
    webPreferences: hardenedWebPreferences(preload),
  });
  lockDownContents(window.webContents);
  window.once("ready-to-show", () => window.show());
  void window.loadURL(url);
  return window;
}
