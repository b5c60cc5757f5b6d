import type { ResourceKey } from "i18next";
import { isLanguage, type Language } from "../../shared/languages.js";

/** Where the person's choice of language is kept on this computer. */
export const storageKey = "ccms.language";

/**
 * Each language's strings come in two parts (build/vite-strings-parts.mjs), each an i18next namespace
 * and a chunk of its own, fetched when that language is first wanted: "start", the few the login form
 * draws before the bridge connects, and "rest", every other, fetched while the bridge connects.
 */
export type StringsPart = "start" | "rest";

const loaders: Record<Language, Record<StringsPart, () => Promise<{ default: ResourceKey }>>> = {
  en: {
    start: () => import("virtual:ccms-strings/en-start"),
    rest: () => import("virtual:ccms-strings/en-rest"),
  },
  "zh-HK": {
    start: () => import("virtual:ccms-strings/zh-HK-start"),
    rest: () => import("virtual:ccms-strings/zh-HK-rest"),
  },
};

const fetched = new Map<string, Promise<ResourceKey>>();

/** A part of a language's strings, fetched once. No retry: the chunks come from the app's own files. */
export function fetchStrings(language: Language, part: StringsPart): Promise<ResourceKey> {
  const key = `${language}/${part}`;
  let strings = fetched.get(key);
  if (!strings) {
    strings = loaders[language][part]().then((module) => module.default);
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
