const DAY_MS = 86_400_000;
/** Hong Kong keeps UTC+8 all year. */
const HKT_OFFSET_MS = 8 * 3_600_000;
/** HKEX's working day begins: a processed application takes effect at 09:00 HKT. */
const OPENING_MS = 9 * 3_600_000;

/** The Hong Kong calendar day of an instant, as a day number (day 0: Thursday 1 January 1970). */
const hongKongDay = (ms: number): number => Math.floor((ms + HKT_OFFSET_MS) / DAY_MS);
const isWeekend = (day: number): boolean => {
  const weekday = (day + 4) % 7; // 0 Sunday … 6 Saturday
  return weekday === 0 || weekday === 6;
};

/**
 * 09:00 Hong Kong time on the `days`-th business day after the day of `ms` (Monday to Friday; public
 * holidays are not modelled); `days` of 0 is `ms` itself.
 */
export function businessDaysAfter(ms: number, days: number): number {
  if (days <= 0) return ms;
  let day = hongKongDay(ms);
  let left = days;
  while (left > 0) {
    day += 1;
    if (!isWeekend(day)) left -= 1;
  }
  return day * DAY_MS - HKT_OFFSET_MS + OPENING_MS;
}
