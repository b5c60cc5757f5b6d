import type { Language } from "../../shared/languages.js";

/**
 * Every screenshot the documentation and the user guide show, in the order the tour takes them
 * (`tour.ts`). Each is written once per language as `<shot>.<language>.png`.
 */
export const shots = [
  "rehearsal",
  "sign-in",
  "method-choice",
  "otp",
  "otp-wrong-code",
  "mailbox",
  "otp-new-code",
  "desktop",
  "lock-screen",
  "smartcard",
  "account-locked",
  "desktop-da",
  "email-registration",
  "email-registration-form",
  "readiness",
  "no-email",
  "otp-after-decommissioning",
  "connectivity",
  "connectivity-report",
  "network",
] as const;
export type Shot = (typeof shots)[number];

/** The saved connectivity report is written in English whatever the app's language: one screenshot. */
const englishOnly: ReadonlySet<Shot> = new Set<Shot>(["connectivity-report"]);

/** The screenshots taken in a language. */
export function shotsIn(language: Language): Shot[] {
  return shots.filter((shot) => language === "en" || !englishOnly.has(shot));
}

export function shotFileName(shot: Shot, language: Language): string {
  return `${shot}.${language}.png`;
}

/** Where the committed screenshots live, relative to the repository. */
export const committedImagesDir = "docs/images";
