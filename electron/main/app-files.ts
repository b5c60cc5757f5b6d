import fs from "node:fs";
import type { App } from "electron";
import { openAppLog, teeConsoleToLog, type AppLog } from "../host/app-log.js";
import { localFolderFor } from "../host/data-folders.js";

export interface AppFiles {
  /** The settings' folder (Electron's userData: on Windows under %APPDATA%, which may roam). */
  settings: string;
  /** The simulator's database, the check history, the logs and Chromium's own data (%LOCALAPPDATA%). */
  local: string;
  /** The app's log, or null when its folder cannot be written (the app runs on, and says so). */
  log: AppLog | null;
}

/**
 * Where the desktop app keeps its files (before the app is ready: Chromium's session data moves with
 * them): with `--data` (or a test's folder) everything in that folder; otherwise the settings in
 * userData and the rest in the local folder of the same name. Opens the log there and copies the
 * process's warnings and errors into it.
 */
export function prepareAppFiles(
  app: Pick<App, "getPath" | "setPath">,
  dataDir: string | undefined,
): AppFiles {
  const settings = dataDir ?? app.getPath("userData");
  const local = dataDir ?? localFolderFor(settings);
  if (local !== settings) {
    try {
      fs.mkdirSync(local, { recursive: true });
      app.setPath("sessionData", local);
    } catch (error) {
      console.error(`The local data folder ${local} cannot be created: ${(error as Error).message}`);
    }
  }
  let log: AppLog | null = null;
  try {
    log = openAppLog(local);
    teeConsoleToLog(log);
  } catch (error) {
    console.error(`The log cannot be written in ${local}: ${(error as Error).message}`);
  }
  return { settings, local, log };
}
