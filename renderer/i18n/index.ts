import i18next, { type BackendModule, type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import type { MachineView } from "../../shared/contract/app.js";
import { isLanguage, languages, type Language } from "../../shared/languages.js";
import {
  chosenLanguage,
  fetchStrings,
  startingLanguage,
  startStrings,
  storageKey,
} from "./strings-source.js";

export { isLanguage, languages, type Language };

/** i18next's backend over the strings' parts (see strings-source.ts): a part is a namespace. */
const lazyResources: BackendModule = {
  type: "backend",
  init: () => undefined,
  read(language, namespace, callback) {
    if (!isLanguage(language) || (namespace !== "start" && namespace !== "rest")) {
      callback(new Error(`No strings "${namespace}" for the language "${language}".`), false);
      return;
    }
    fetchStrings(language, namespace).then(
      (strings) => callback(null, strings),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/** Whether every part of `lng`'s strings asked for so far is in. */
const loaded = (lng: Language) =>
  [i18next.options.ns ?? []].flat().every((namespace) => i18next.hasResourceBundle(lng, namespace));

/** The language last asked for: a switch still loading gives way to a later one. */
let wanted: Language | null = null;

/**
 * Shows `lng` once its strings are in: the screen keeps the current language until then, and keeps
 * it if they cannot be loaded or another language was asked for meanwhile (false), rather than showing keys.
 */
async function switchTo(lng: Language): Promise<boolean> {
  wanted = lng;
  await i18next.loadLanguages(lng);
  if (wanted !== lng || !loaded(lng)) return false;
  await i18next.changeLanguage(lng);
  return true;
}

/**
 * Starts i18next with the starting language's first strings only (see strings-source.ts: "start", the
 * namespace looked in first, then "rest"; in the page's code, so they cannot fail to come), and
 * `<html lang>` kept in step.
 * Resolves once they are loaded: render nothing before, so no screen shows keys or another language first.
 */
export async function startI18n(): Promise<i18n> {
  i18next.on("languageChanged", (lng) => {
    document.documentElement.lang = lng;
  });
  const lng = startingLanguage();
  await i18next
    .use(lazyResources)
    .use(initReactI18next)
    .init({
      lng,
      // The start strings are in the page's code: given here, i18next is ready at once; "rest" and the
      // other language still come through the backend.
      resources: { [lng]: { start: startStrings[lng] } },
      partialBundledLanguages: true,
      ns: ["start"],
      defaultNS: "start",
      fallbackNS: "rest",
      // No fallback language: it would be fetched with every start. Both files hold every key (tested).
      fallbackLng: false,
      supportedLngs: [...languages],
      load: "currentOnly",
      interpolation: { escapeValue: false },
      returnNull: false,
      showSupportNotice: false,
    });
  document.documentElement.lang = i18next.language;
  return i18next;
}

/**
 * The strings of every screen but the login form, in the language in use (and in any language chosen
 * later). The bridge connects once they are in, so no answer of the app shows a screen before its strings.
 */
export async function loadRemainingStrings(): Promise<void> {
  await i18next.loadNamespaces("rest");
}

/** Both languages' strings, for what shows them side by side (the bilingual rehearsal record). */
export async function loadAllLanguages(): Promise<void> {
  await i18next.loadLanguages([...languages]);
}

/** The person's choice (the language switch): shown once its strings are in, and remembered on this computer. */
export async function chooseLanguage(lng: Language): Promise<void> {
  if (!(await switchTo(lng))) return;
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
    void switchTo(machine.language);
  }
}
