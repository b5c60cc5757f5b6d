import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import zhHK from "./zh-HK.json";

export const languages = ["en", "zh-HK"] as const;
export type Language = (typeof languages)[number];

const storageKey = "ccms.language";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

function savedLanguage(): Language {
  try {
    const saved = window.localStorage.getItem(storageKey);
    if (isLanguage(saved)) return saved;
  } catch {
    // Storage can be disabled; the default language is fine then.
  }
  return navigator.language.toLowerCase().startsWith("zh") ? "zh-HK" : "en";
}

/** Starts i18next with both languages bundled, the saved choice, and `<html lang>` kept in step. */
export function startI18n(): i18n {
  i18next.on("languageChanged", (lng) => {
    document.documentElement.lang = lng;
    try {
      window.localStorage.setItem(storageKey, lng);
    } catch {
      // Not persisted; the choice still holds for this page.
    }
  });
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, "zh-HK": { translation: zhHK } },
    lng: savedLanguage(),
    fallbackLng: "en",
    supportedLngs: [...languages],
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
    // Resources are bundled: initialise synchronously so the first render is already translated.
    initAsync: false,
  });
  document.documentElement.lang = i18next.language;
  return i18next;
}
