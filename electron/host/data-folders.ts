import os from "node:os";
import path from "node:path";

/** Where the app keeps its files on this computer. */
export interface DataFolders {
  /** The settings (`settings.json`): small, and free to roam with a Windows profile. */
  settings: string;
  /**
   * This computer's own files: the built-in simulator's database, the connectivity check's history
   * and the logs. On Windows under `%LOCALAPPDATA%`, never the roaming `%APPDATA%`: companies often
   * redirect that to a network share or sync it at sign-out, where SQLite's write-ahead log is unsafe.
   */
  local: string;
}

export const appFolderName = "ccms-terminal-emulator";

/**
 * The default folders: on Windows `%APPDATA%\<app>` for the settings (what Electron's
 * `app.getPath("userData")` gives) and `%LOCALAPPDATA%\<app>` for the rest; on macOS and Linux one
 * folder for both (`~/Library/Application Support/<app>`, `$XDG_CONFIG_HOME/<app>`).
 */
export function defaultDataFolders(
  platform: NodeJS.Platform = process.platform,
  env: Record<string, string | undefined> = process.env,
  home: string = os.homedir(),
  appName: string = appFolderName,
): DataFolders {
  if (platform === "win32") {
    const join = path.win32.join;
    return {
      settings: join(env["APPDATA"] || join(home, "AppData", "Roaming"), appName),
      local: join(env["LOCALAPPDATA"] || join(home, "AppData", "Local"), appName),
    };
  }
  const folder =
    platform === "darwin"
      ? path.posix.join(home, "Library", "Application Support", appName)
      : path.posix.join(env["XDG_CONFIG_HOME"] || path.posix.join(home, ".config"), appName);
  return { settings: folder, local: folder };
}

/**
 * The local folder that goes with Electron's settings folder (`userData`): on Windows the folder
 * of the same name under `%LOCALAPPDATA%`, elsewhere the same folder.
 */
export function localFolderFor(
  settingsFolder: string,
  platform: NodeJS.Platform = process.platform,
  env: Record<string, string | undefined> = process.env,
  home: string = os.homedir(),
): string {
  if (platform !== "win32") return settingsFolder;
  return defaultDataFolders(platform, env, home, path.win32.basename(settingsFolder)).local;
}
