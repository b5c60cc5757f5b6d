import type catalogue from "./en.json";

/**
 * What the connectivity check saw and advises, as keys and values rather than sentences: the
 * renderer words them in the person's language (Hong Kong time for instants), and the command line,
 * the JSON and HTML reports word them in English. The templates are `en.json` and `zh-HK.json` here.
 */
type Catalogue = typeof catalogue;
export type CheckTextKey = {
  [Group in keyof Catalogue & string]: `${Group}.${keyof Catalogue[Group] & string}`;
}[keyof Catalogue & string];

/**
 * A value in a sentence: text as it is (a name, an address, a code), a number, an instant, a list
 * (joined the language's way; with `and`, "a, b and c"), or a sentence of its own.
 */
export type CheckValue = string | number | { at: string } | { list: CheckValue[]; and?: true } | CheckMessage;

export interface CheckMessage {
  key: string;
  values?: Record<string, CheckValue>;
}

/** A message with a key the templates have (checked by the type checker). */
export function say(key: CheckTextKey, values?: Record<string, CheckValue>): CheckMessage {
  return values === undefined ? { key } : { key, values };
}

/** How one language words messages: its template for a key (undefined when it has none), its instants. */
export interface Wording {
  template(key: string): string | undefined;
  instant(iso: string): string;
}

/** The message in words, or null when the language lacks one of its templates (a newer app's report). */
export function word(message: CheckMessage, wording: Wording): string | null {
  const template = wording.template(message.key);
  if (template === undefined) return null;
  let missing = false;
  const text = template.replace(/\{\{(\w+)\}\}/g, (_whole, name: string) => {
    const value = message.values?.[name];
    const worded = value === undefined ? "" : wordValue(value, wording);
    if (worded === null) missing = true;
    return worded ?? "";
  });
  return missing ? null : text;
}

function wordValue(value: CheckValue, wording: Wording): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if ("at" in value) return wording.instant(value.at);
  if ("list" in value) {
    const items = value.list.map((item) => wordValue(item, wording));
    if (items.some((item) => item === null)) return null;
    const separator = wording.template("join.list") ?? ", ";
    if (!value.and || items.length < 2) return items.join(separator);
    return `${items.slice(0, -1).join(separator)}${wording.template("join.and") ?? " and "}${items.at(-1) ?? ""}`;
  }
  return word(value, wording);
}

/** Several sentences as one text (a step's advice), or null as `word`. */
export function wordAll(messages: readonly CheckMessage[], wording: Wording): string | null {
  const sentences = messages.map((message) => word(message, wording));
  if (sentences.some((sentence) => sentence === null)) return null;
  return sentences.join(wording.template("join.sentences") ?? " ");
}
