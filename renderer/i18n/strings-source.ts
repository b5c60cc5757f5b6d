import type { ResourceKey } from "i18next";
import enStart from "virtual:ccms-strings/en-start";
import zhHkStart from "virtual:ccms-strings/zh-HK-start";
import { isLanguage, type Language } from "../../shared/languages.js";

/** Where the person's choice of language is kept on this computer. */
export const storageKey = "ccms.language";

/**
 * Each language's strings come in two parts (build/vite-strings-parts.mjs), each an i18next namespace:
 * "start", the few the login form draws before the bridge connects, in the page's own code for both
 * languages (some 1.3 KB gzip each), so that the form is drawn as soon as the code has run rather than
 * after one more round trip; and "rest", every other, a chunk of its own per language, fetched while the
 * bridge connects or when that language is first wanted.
 */
export type StringsPart = "start" | "rest";

export const startStrings: Record<Language, ResourceKey> = { en: enStart, "zh-HK": zhHkStart };

const restLoaders: Record<Language, () => Promise<{ default: ResourceKey }>> = {
  en: () => import("virtual:ccms-strings/en-rest"),
  "zh-HK": () => import("virtual:ccms-strings/zh-HK-rest"),
};

const fetched = new Map<string, Promise<ResourceKey>>();

/** A part of a language's strings, fetched once. No retry: the chunks come from the app's own files. */
export function fetchStrings(language: Language, part: StringsPart): Promise<ResourceKey> {
  const key = `${language}/${part}`;
  let strings = fetched.get(key);
  if (!strings) {
    strings =
      part === "start"
        ? Promise.resolve(startStrings[language])
        : restLoaders[language]().then((module) => module.default);
    // A failed fetch may be asked for again.
    strings.catch(() => fetched.delete(key));
    fetched.set(key, strings);
  }
  return strings;
}

/** The language the person chose on this computer, if they ever did. */
export function chosenLanguage(): Language | null {
  try {
    const saved = window.localStorage.getItem(storageKey);
    if (isLanguage(saved)) return saved;
  } catch {
    // Storage can be disabled; the default language is fine then.
  }
  return null;
}

/** The language the page starts in: the person's choice, else the browser's. */
export function startingLanguage(): Language {
  return chosenLanguage() ?? (navigator.language.toLowerCase().startsWith("zh") ? "zh-HK" : "en");
}
