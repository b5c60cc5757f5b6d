import { describe, expect, it } from "vitest";
import { defaultDataFolders, localFolderFor } from "../../../electron/host/data-folders.js";

describe("where the app keeps its files", () => {
  it("on Windows: the settings under %APPDATA% (may roam), the rest under %LOCALAPPDATA%", () => {
    const env = {
      APPDATA: "C:\\Users\\chan\\AppData\\Roaming",
      LOCALAPPDATA: "C:\\Users\\chan\\AppData\\Local",
    };
    expect(defaultDataFolders("win32", env, "C:\\Users\\chan")).toEqual({
      settings: "C:\\Users\\chan\\AppData\\Roaming\\ccms-terminal-emulator",
      local: "C:\\Users\\chan\\AppData\\Local\\ccms-terminal-emulator",
    });
  });

  it("on Windows without the variables (a service account's bare environment): below the profile", () => {
    expect(defaultDataFolders("win32", {}, "C:\\Users\\svc-ccms")).toEqual({
      settings: "C:\\Users\\svc-ccms\\AppData\\Roaming\\ccms-terminal-emulator",
      local: "C:\\Users\\svc-ccms\\AppData\\Local\\ccms-terminal-emulator",
    });
    // An empty variable is no folder either.
    expect(defaultDataFolders("win32", { LOCALAPPDATA: "" }, "C:\\Users\\chan").local).toBe(
      "C:\\Users\\chan\\AppData\\Local\\ccms-terminal-emulator",
    );
  });

  it("on macOS and Linux: one folder for both, as Electron's userData", () => {
    expect(defaultDataFolders("darwin", {}, "/Users/chan")).toEqual({
      settings: "/Users/chan/Library/Application Support/ccms-terminal-emulator",
      local: "/Users/chan/Library/Application Support/ccms-terminal-emulator",
    });
    expect(defaultDataFolders("linux", {}, "/home/chan").local).toBe(
      "/home/chan/.config/ccms-terminal-emulator",
    );
    expect(defaultDataFolders("linux", { XDG_CONFIG_HOME: "/cfg" }, "/home/chan").settings).toBe(
      "/cfg/ccms-terminal-emulator",
    );
  });

  it("finds the local folder that goes with Electron's userData, by its name", () => {
    const env = { LOCALAPPDATA: "C:\\Users\\chan\\AppData\\Local" };
    expect(
      localFolderFor("C:\\Users\\chan\\AppData\\Roaming\\CCMS Terminal", "win32", env, "C:\\Users\\chan"),
    ).toBe("C:\\Users\\chan\\AppData\\Local\\CCMS Terminal");
    expect(localFolderFor("/home/chan/.config/CCMS Terminal", "linux", {}, "/home/chan")).toBe(
      "/home/chan/.config/CCMS Terminal",
    );
  });
});
