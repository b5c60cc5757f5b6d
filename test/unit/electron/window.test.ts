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

  it("says why when the page cannot load, and shows the window instead of leaving it hidden", async () => {
    const failure = Object.assign(new Error("ERR_FILE_NOT_FOUND (-6) loading 'app://ccms/index.html'"), {
      code: "ERR_FILE_NOT_FOUND",
    });
    record.loadFailure = failure;
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const window = createMainWindow("/app/preload.cjs", "app://ccms/index.html") as unknown as {
        shown: boolean;
      };
      await vi.waitFor(() => expect(errors).toHaveBeenCalledOnce());
      expect(String(errors.mock.calls[0]?.[0])).toMatch(
        /could not load app:\/\/ccms\/index\.html: ERR_FILE_NOT_FOUND.*npm run build/,
      );
      expect(window.shown).toBe(true);
    } finally {
      errors.mockRestore();
    }
  });

  it("takes a load replaced by another navigation (ERR_ABORTED) for no failure", async () => {
    record.loadFailure = Object.assign(new Error("ERR_ABORTED (-3)"), { code: "ERR_ABORTED" });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const window = createMainWindow("/app/preload.cjs", "app://ccms/index.html") as unknown as {
        shown: boolean;
      };
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(errors).not.toHaveBeenCalled();
      expect(window.shown).toBe(false);
    } finally {
      errors.mockRestore();
    }
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
