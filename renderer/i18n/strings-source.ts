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

/** Each language's "rest", once asked for. */
const fetched = new Map<Language, Promise<ResourceKey>>();

/** A part of a language's strings: "start" at hand, "rest" fetched once. */
export function fetchStrings(language: Language, part: StringsPart): Promise<ResourceKey> {
  if (part === "start") return Promise.resolve(startStrings[language]);
  let strings = fetched.get(language);
  if (!strings) {
    strings = restLoaders[language]().then((module) => module.default);
    // A failed fetch may be asked for again.
    strings.catch(() => fetched.delete(language));
    fetched.set(language, strings);
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
