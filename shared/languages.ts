/** The app's languages: English and Traditional Chinese (Hong Kong). Imports nothing. */
export const languages = ["en", "zh-HK"] as const;
export type Language = (typeof languages)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}
