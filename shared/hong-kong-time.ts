/** CCMS runs on Hong Kong time; the emulator shows every date and time in it, whatever this computer's zone. */
const timeZone = "Asia/Hong_Kong";

/** en → English as written in Hong Kong (day before month); zh-HK stays. */
const localeOf = (language: string): string => (language === "zh-HK" ? "zh-HK" : "en-HK");

type Style = "dateTime" | "date" | "moment";
const styles: Record<Style, Intl.DateTimeFormatOptions> = {
  dateTime: { dateStyle: "medium", timeStyle: "medium", timeZone },
  date: { dateStyle: "medium", timeZone },
  moment: { dateStyle: "medium", timeStyle: "short", hourCycle: "h23", timeZone },
};

/** One formatter per language and style: making one costs far more than using it (a board has thousands of dates). */
const formatters = new Map<string, Intl.DateTimeFormat>();
/** The instant in the style, or null when `iso` is not a date (the caller shows it as it came). */
function format(iso: string, language: string, style: Style): string | null {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  const key = `${localeOf(language)}|${style}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(localeOf(language), styles[style]);
    formatters.set(key, found);
  }
  return found.format(at);
}

export function formatDateTime(iso: string, language: string): string {
  const text = format(iso, language, "dateTime");
  return text === null ? iso : `${text} HKT`;
}

export function formatDate(iso: string, language: string): string {
  return format(iso, language, "date") ?? iso;
}

/** A moment to the minute: "29 May 2023, 09:00 HKT". */
export function formatMoment(iso: string, language: string): string {
  const text = format(iso, language, "moment");
  return text === null ? iso : `${text} HKT`;
}

const HKT_OFFSET_MS = 8 * 3_600_000;

/** An instant as a `datetime-local` field shows it in Hong Kong time: "2023-05-29T09:00". */
export function toHktInput(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? "" : new Date(ms + HKT_OFFSET_MS).toISOString().slice(0, 16);
}

/** A `datetime-local` value read as Hong Kong time, as an ISO instant; null when it is not a date and time. */
export function fromHktInput(value: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?$/.exec(value.trim());
  if (!match) return null;
  const iso = `${match[1]}${match[2] ?? ":00"}+08:00`;
  // Date.parse rolls 30 February over into March: a date that does not come back the same is not one.
  return toHktInput(iso) === match[1] ? iso : null;
}
