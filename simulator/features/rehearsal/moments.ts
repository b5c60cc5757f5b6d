import { phaseAt } from "../../../shared/phases.js";
import { type Schedule } from "../../../shared/wire/control.js";
import {
  type ChosenMoment,
  type MomentPreset,
  type MomentPresetId,
  type MomentRequest,
} from "../../../shared/wire/rehearsal.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Hong Kong is UTC+8 all year (no summer time). */
const HKT_OFFSET_MS = 8 * HOUR_MS;

/** 09:00 Hong Kong time on the (Hong Kong) day of an instant: the start of a working day. */
export function nineAmHkt(ms: number): number {
  const dayStart = Math.floor((ms + HKT_OFFSET_MS) / DAY_MS) * DAY_MS - HKT_OFFSET_MS;
  return dayStart + 9 * HOUR_MS;
}

/**
 * The moments a trainer picks from, taken from the simulator's schedule (so a
 * custom schedule moves them too). With the circulars' dates: 27 April 2023, the
 * day before the registration deadline; 29 May 2023, launch day; 29 June 2023;
 * 1 August 2023, the day after decommissioning. Each at 09:00 HKT.
 */
export function momentPresets(schedule: Schedule): MomentPreset[] {
  const launch = Date.parse(schedule.launch);
  const decommission = Date.parse(schedule.decommission);
  const instants: Record<MomentPresetId, number> = {
    "before-launch": Math.min(nineAmHkt(launch - 32 * DAY_MS), launch - HOUR_MS),
    "launch-day": Math.max(nineAmHkt(launch), launch),
    "parallel-run-month": Math.max(
      Math.min(nineAmHkt(launch + 31 * DAY_MS), decommission - HOUR_MS),
      Math.max(nineAmHkt(launch), launch),
    ),
    "after-decommission": Math.max(nineAmHkt(decommission + DAY_MS), decommission),
  };
  return (Object.keys(instants) as MomentPresetId[]).map((id) => ({
    id,
    at: new Date(instants[id]).toISOString(),
    phase: phaseAt(schedule, instants[id]),
  }));
}

/** What a moment request means against this schedule. */
export function chooseMoment(request: MomentRequest, schedule: Schedule): ChosenMoment {
  if ("realTime" in request) return { kind: "real-time" };
  if ("at" in request) return { kind: "custom", at: new Date(request.at).toISOString() };
  const preset = momentPresets(schedule).find((p) => p.id === request.preset);
  // The schema admits only known ids, each of which momentPresets answers.
  if (preset === undefined) throw new Error(`unknown moment preset ${request.preset}`);
  return { kind: "preset", preset: preset.id, at: preset.at };
}

/** A line for the audit log. */
export function describeMoment(moment: ChosenMoment): string {
  switch (moment.kind) {
    case "real-time":
      return "real clock";
    case "custom":
      return `custom ${moment.at}`;
    case "preset":
      return `${moment.preset} ${moment.at}`;
  }
}
