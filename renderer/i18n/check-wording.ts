import type { i18n } from "i18next";
import { word, wordAll, type CheckMessage, type Wording } from "../../shared/check-text/check-message.js";
import type { CheckStep } from "../../shared/contract/connectivity.js";
import { formatDateTime } from "../ui/dates.js";

/**
 * The connectivity check's messages in the page's language: the templates of `shared/check-text/`,
 * loaded with the language's strings under `check`, and instants in Hong Kong time.
 */
export function checkWording(i18next: i18n): Wording {
  const language = i18next.language;
  return {
    template: (key) => {
      const text: unknown = i18next.getResource(language, "translation", `check.${key}`);
      return typeof text === "string" ? text : undefined;
    },
    instant: (iso) => formatDateTime(iso, language),
  };
}

/** One message in words; null when this build has no template for it. */
export const wordCheck = (message: CheckMessage, wording: Wording): string | null => word(message, wording);

/**
 * What a step saw (a line each) and what to do, in the page's language. A step from a report
 * without messages, or with one this build cannot word, shows its English text as it came.
 */
export function stepText(step: CheckStep, wording: Wording): { detail: string; hint: string | null } {
  const lines = step.lines?.map((line) => word(line, wording));
  const detail = lines && !lines.includes(null) ? lines.join("\n") : step.detail;
  const advice = step.advice && step.advice.length ? wordAll(step.advice, wording) : null;
  return { detail, hint: advice ?? step.hint };
}
