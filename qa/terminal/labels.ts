import en from "../../renderer/i18n/en.json" with { type: "json" };
import zhHK from "../../renderer/i18n/zh-HK.json" with { type: "json" };

/** The app's two languages. */
export type Locale = "en" | "zh-HK";

const resources: Record<Locale, unknown> = { en, "zh-HK": zhHK };

/**
 * The words a person sees, in the terminal's language, read from the app's own translation files:
 * the page objects find controls by the same accessible names the app gives them.
 */
export class Labels {
  constructor(readonly locale: Locale) {}

  /** The text at `key` (`login.userId`), with `{{name}}` filled from `values`. */
  text(key: string, values: Record<string, string | number> = {}): string {
    return this.template(key).replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
      name in values ? String(values[name]) : whole,
    );
  }

  /** The text at `key` as a whole-text pattern, each `{{placeholder}}` matching anything. */
  pattern(key: string): RegExp {
    const parts = this.template(key)
      .split(/\{\{\w+\}\}/)
      .map(escapeRegExp);
    return new RegExp(`^\\s*${parts.join(".*")}\\s*$`, "s");
  }

  /** Text that begins with the text at `key` (an accessible name that goes on with more words). */
  prefix(key: string): RegExp {
    return new RegExp(`^\\s*${escapeRegExp(this.text(key))}`);
  }

  private template(key: string): string {
    let node: unknown = resources[this.locale];
    for (const part of key.split(".")) {
      node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined;
    }
    if (typeof node !== "string") throw new Error(`The app has no text "${key}" in ${this.locale}.`);
    return node;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
