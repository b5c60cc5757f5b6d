/** CCMS runs on Hong Kong time; the emulator shows every date and time in it, whatever this computer's zone. */
const timeZone = "Asia/Hong_Kong";

/** en → English as written in Hong Kong (day before month); zh-HK stays. */
const localeOf = (language: string): string => (language === "zh-HK" ? "zh-HK" : "en-HK");

/** One formatter per language and style: making one costs far more than using it (a board has thousands of dates). */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(language: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${localeOf(language)}|${withTime}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(
      localeOf(language),
      withTime ? { dateStyle: "medium", timeStyle: "medium", timeZone } : { dateStyle: "medium", timeZone },
    );
    formatters.set(key, found);
  }
  return found;
}

export function formatDateTime(iso: string, language: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${formatter(language, true).format(at)} HKT`;
}

export function formatDate(iso: string, language: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return formatter(language, false).format(at);
}
