import { type Schedule } from "../../../shared/wire/control.js";
import { type Deadline, type DeadlineId, deadlineIds } from "../../../shared/wire/readiness.js";

const dayMs = 86_400_000;
/** Hong Kong keeps UTC+8 all year. */
const hongKongOffsetMs = 8 * 3_600_000;

/** The Hong Kong calendar day of an instant, as a day number. */
const hongKongDay = (ms: number): number => Math.floor((ms + hongKongOffsetMs) / dayMs);

/** The email and connectivity deadline: the schedule's own, or 31 days before launch (28 Apr 2023 by default). */
export function readinessDeadlineOf(schedule: Schedule): string {
  return schedule.readinessDeadline ?? new Date(Date.parse(schedule.launch) - 31 * dayMs).toISOString();
}

/** Every date of the schedule with where `nowMs` stands to it, in Hong Kong calendar days. */
export function deadlinesAt(schedule: Schedule, nowMs: number): Deadline[] {
  const at: Record<DeadlineId, string> = {
    userEmailRegistrationOpens: schedule.userEmailRegistrationOpens,
    daEmailRegistrationOpens: schedule.daEmailRegistrationOpens,
    readinessDeadline: readinessDeadlineOf(schedule),
    launch: schedule.launch,
    decommission: schedule.decommission,
  };
  const today = hongKongDay(nowMs);
  return deadlineIds.map((id) => {
    const ms = Date.parse(at[id]);
    const daysLeft = hongKongDay(ms) - today;
    return {
      id,
      at: new Date(ms).toISOString(),
      status: daysLeft > 0 ? "upcoming" : daysLeft === 0 ? "today" : "passed",
      daysLeft,
    };
  });
}
