import fs from "node:fs";
import path from "node:path";
import type { WebContents } from "electron";
import { isLanguage, type Language } from "../../shared/languages.js";
import { userGuideFileName } from "../../shared/user-guide.js";

/** What opening the guide needs of Electron: `shell.openPath` ("" once opened, else why not). */
export type OpenPath = (file: string) => Promise<string>;

export type UserGuideOutcome =
  | { kind: "opened"; file: string }
  /** This copy of the app was built without the guide (no browser to print it at build time). */
  | { kind: "missing"; file: string }
  /** The computer has no PDF viewer for it, or refused to start one: the system's reason. */
  | { kind: "not-opened"; file: string; reason: string };

/**
 * Opens the printed user guide in `language` with the computer's PDF viewer (on Windows, Edge unless
 * another was chosen), for the Help menu. The guide sits outside app.asar (build.asarUnpack), where a
 * viewer can read it; `dir` is `appPaths().userGuideDir`.
 */
export async function openUserGuide(
  openPath: OpenPath,
  dir: string,
  language: Language,
): Promise<UserGuideOutcome> {
  const file = path.join(dir, userGuideFileName(language));
  if (!fs.existsSync(file)) return { kind: "missing", file };
  const reason = await openPath(file);
  return reason === "" ? { kind: "opened", file } : { kind: "not-opened", file, reason };
}

/** The language the window's page shows (its `<html lang>`, which the renderer keeps in step), else English. */
export async function pageLanguage(contents: Pick<WebContents, "executeJavaScript">): Promise<Language> {
  try {
    const lang: unknown = await contents.executeJavaScript("document.documentElement.lang");
    return isLanguage(lang) ? lang : "en";
  } catch {
    return "en";
  }
}
