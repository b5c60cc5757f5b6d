import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { word, wordAll, type Wording } from "../../shared/check-text/check-message.js";
import type { CheckStep } from "../../shared/contract/connectivity.js";
import { formatDateTime } from "../ui/dates.js";
import { isLanguage, type Language } from "../../shared/languages.js";

type Catalogue = Record<string, Record<string, string>>;

/**
 * The connectivity check's sentences (`shared/check-text/`), a chunk per language fetched by the
 * screens that word them (the check, the Network screen) rather than with the login screen.
 */
const loaders: Record<Language, () => Promise<{ default: Catalogue }>> = {
  en: () => import("../../shared/check-text/en.json"),
  "zh-HK": () => import("../../shared/check-text/zh-HK.json"),
};
const loaded = new Map<Language, Catalogue>();

/** A language's wording of the check's messages: its templates, instants in Hong Kong time. */
export function wordingOf(catalogue: Catalogue, language: string): Wording {
  return {
    template: (key) => {
      const [group = "", name = ""] = key.split(".");
      return catalogue[group]?.[name];
    },
    instant: (iso) => formatDateTime(iso, language),
  };
}

/** The page's language's wording of the check's messages; null until its sentences are in. */
export function useCheckWording(): Wording | null {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : "en";
  const [, setArrived] = useState(0);
  useEffect(() => {
    if (loaded.has(language)) return;
    let live = true;
    loaders[language]().then(
      (module) => {
        loaded.set(language, module.default);
        if (live) setArrived((count) => count + 1);
      },
      () => {
        // Not fetched (the app's own file): the English the step carries is shown instead.
      },
    );
    return () => {
      live = false;
    };
  }, [language]);
  const catalogue = loaded.get(language);
  return catalogue ? wordingOf(catalogue, language) : null;
}

/**
 * What a step saw (a line each) and what to do, in the page's language. A step from a report
 * without messages, or with one this build cannot word, shows its English text as it came; while the
 * language's sentences are on their way, nothing.
 */
export function stepText(step: CheckStep, wording: Wording | null): { detail: string; hint: string | null } {
  if (wording === null && step.lines) return { detail: "", hint: null };
  const lines = wording ? step.lines?.map((line) => word(line, wording)) : undefined;
  const detail = lines && !lines.includes(null) ? lines.join("\n") : step.detail;
  const advice = wording && step.advice && step.advice.length ? wordAll(step.advice, wording) : null;
  return { detail, hint: advice ?? step.hint };
}
