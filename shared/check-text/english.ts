import { formatDateTime } from "../hong-kong-time.js";
import catalogue from "./en.json" with { type: "json" };
import { word, wordAll, type CheckMessage, type Wording } from "./check-message.js";

const templates = new Map<string, string>(
  Object.entries(catalogue).flatMap(([group, entries]) =>
    Object.entries(entries).map(([name, text]): [string, string] => [`${group}.${name}`, text]),
  ),
);

/** English, as the command line and the reports say it: instants in Hong Kong time. */
export const english: Wording = {
  template: (key) => templates.get(key),
  instant: (iso) => formatDateTime(iso, "en"),
};

/** One message in English (its key when the catalogue lacks it, which the type checker prevents). */
export const inEnglish = (message: CheckMessage): string => word(message, english) ?? message.key;

/** Sentences in English, one text. */
export const allInEnglish = (messages: readonly CheckMessage[]): string =>
  wordAll(messages, english) ?? messages.map((message) => message.key).join(" ");
