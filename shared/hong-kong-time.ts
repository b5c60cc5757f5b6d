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

/** A moment to the minute: "29 May 2023, 09:00 HKT". */
export function formatMoment(iso: string, language: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const text = new Intl.DateTimeFormat(localeOf(language), {
    dateStyle: "medium",
    timeStyle: "short",
    hourCycle: "h23",
    timeZone,
  }).format(at);
  return `${text} HKT`;
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
