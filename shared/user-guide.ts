import type { Language } from "./languages.js";

/**
 * The printable user guide: one PDF per language, printed by `npm run build` (build/docs/guide.ts)
 * into `dist/guide/`, served by the browser shell under `/guide/` and opened by the desktop app's
 * Help menu. Imports nothing at run time.
 */
export const userGuideFolder = "guide";

/** `ccms-terminal-user-guide.en.pdf`, `ccms-terminal-user-guide.zh-HK.pdf`. */
export function userGuideFileName(language: Language): string {
  return `ccms-terminal-user-guide.${language}.pdf`;
}

/** Where the browser shell serves a language's guide, relative to the page. */
export function userGuidePath(language: Language): string {
  return `${userGuideFolder}/${userGuideFileName(language)}`;
}
