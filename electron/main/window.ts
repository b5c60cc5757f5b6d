import { BrowserWindow, type WebContents } from "electron";

/** No navigation away from the app, no new windows, no embedded webviews. */
export function lockDownContents(contents: WebContents): void {
  contents.on("will-navigate", (event) => event.preventDefault());
  contents.on("will-redirect", (event) => event.preventDefault());
  contents.on("will-attach-webview", (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: "deny" }));
}

/**
 * The one place the renderer's privileges are set: none beyond a web page's, plus the preload's
 * `window.ccms`. They are written inline so that static analysers (Electronegativity) see them.
 */
export function createMainWindow(preload: string, url: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    title: "CCMS Terminal",
    show: false,
    backgroundColor: "#ffffff",
    webPreferences: {
      // Reviewed: the preload only exposes the contract's methods as `window.ccms` (electron/preload/).
      preload, // eng-disable PRELOAD_JS_CHECK
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
      // A middle click would otherwise open a link in a new window, past the window-open handler.
      disableBlinkFeatures: "Auxclick",
    },
  });
  lockDownContents(window.webContents);
  window.once("ready-to-show", () => window.show());
  window.loadURL(url).catch((error: unknown) => reportLoadFailure(window, url, error));
  return window;
}

/**
 * A page that did not load leaves a hidden window: say why, and show the window
 * (with Chromium's error page) so the person is not left with nothing. A load
 * replaced by another navigation (ERR_ABORTED) is not a failure.
 */
function reportLoadFailure(window: BrowserWindow, url: string, error: unknown): void {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ERR_ABORTED") return;
  const reason = error instanceof Error ? error.message : String(error);
  console.error(`The window could not load ${url}: ${reason}. Is the renderer built? Run "npm run build".`);
  if (!window.isDestroyed()) window.show();
}
