import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import type { MachineView } from "../../shared/contract/app.js";
import { isLanguage, languages, type Language } from "../../shared/languages.js";
import en from "./en.json";
import zhHK from "./zh-HK.json";

export { isLanguage, languages, type Language };

const storageKey = "ccms.language";

/** The language the person chose on this computer, if they ever did. */
function chosenLanguage(): Language | null {
  try {
    const saved = window.localStorage.getItem(storageKey);
    if (isLanguage(saved)) return saved;
  } catch {
    // Storage can be disabled; the default language is fine then.
  }
  return null;
}

/** Starts i18next with both languages bundled, the saved choice, and `<html lang>` kept in step. */
export function startI18n(): i18n {
  i18next.on("languageChanged", (lng) => {
    document.documentElement.lang = lng;
  });
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, "zh-HK": { translation: zhHK } },
    lng: chosenLanguage() ?? (navigator.language.toLowerCase().startsWith("zh") ? "zh-HK" : "en"),
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

/** The person's choice (the language switch): shown at once and remembered on this computer. */
export function chooseLanguage(lng: Language): void {
  void i18next.changeLanguage(lng);
  try {
    window.localStorage.setItem(storageKey, lng);
  } catch {
    // Not persisted; the choice still holds for this page.
  }
}

/** IT's language (the machine-wide defaults): always when locked, else until the person chooses one. */
export function applyMachineLanguage(machine: MachineView): void {
  if (machine.language === null) return;
  const locked = machine.locked.includes("language");
  if ((locked || chosenLanguage() === null) && i18next.language !== machine.language) {
    void i18next.changeLanguage(machine.language);
  }
}
