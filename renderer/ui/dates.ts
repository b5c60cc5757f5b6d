/** CCMS runs on Hong Kong time; the emulator shows every date and time in it, whatever this computer's zone. */
const timeZone = "Asia/Hong_Kong";

/** en → English as written in Hong Kong (day before month); zh-HK stays. */
const localeOf = (language: string): string => (language === "zh-HK" ? "zh-HK" : "en-HK");

export function formatDateTime(iso: string, language: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const text = new Intl.DateTimeFormat(localeOf(language), {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone,
  }).format(at);
  return `${text} HKT`;
}

export function formatDate(iso: string, language: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: "medium", timeZone }).format(at);
}
