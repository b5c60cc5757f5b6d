import { beforeEach, describe, expect, it, vi } from "vitest";
import { FakeWebContents, record, resetRecord } from "./electron-stand-in.js";

vi.mock("electron", async () => (await import("./electron-stand-in.js")).electronStandIn);

const { createMainWindow, lockDownContents } = await import("../../../electron/main/window.js");

const webPreferencesOf = (window: unknown) =>
  (window as { options: { webPreferences: Record<string, unknown> } }).options.webPreferences;

describe("main window hardening", () => {
  beforeEach(() => resetRecord());

  it("gives the page no Node, an isolated context, the sandbox, web security and no middle click", () => {
    const prefs = webPreferencesOf(createMainWindow("/app/preload.cjs", "app://ccms/index.html"));
    expect(prefs).toEqual({
      preload: "/app/preload.cjs",
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
      disableBlinkFeatures: "Auxclick",
    });
  });

  it("creates the window with those preferences and loads the app:// page", () => {
    const window = createMainWindow("/app/preload.cjs", "app://ccms/index.html");
    expect(record.windows).toHaveLength(1);
    expect(record.windows[0]).toBe(window);
    expect(webPreferencesOf(window)).toMatchObject({ preload: "/app/preload.cjs" });
    expect((window as unknown as { loadedUrls: string[] }).loadedUrls).toEqual(["app://ccms/index.html"]);
  });

  it("denies navigation, redirects, webviews and new windows", () => {
    const contents = new FakeWebContents();
    lockDownContents(contents as never);
    for (const event of ["will-navigate", "will-redirect", "will-attach-webview"]) {
      const preventDefault = vi.fn();
      contents.emit(event, { preventDefault }, "https://example.com/");
      expect(preventDefault, event).toHaveBeenCalledOnce();
    }
    expect(contents.windowOpenHandler?.({ url: "https://example.com/" })).toEqual({ action: "deny" });
  });
});
