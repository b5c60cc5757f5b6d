import { z } from "zod";
import { phaseSchema, roleSchema } from "../phases.js";
import { userIdSchema } from "./authn.js";
import { CONTROL_PREFIX, scheduleSchema, simStatusSchema } from "./control.js";

/**
 * Wire types of the trainer's routes of the control API (same bearer token as
 * the rest of /__sim/): the simulated moment, a shipped situation on top of it,
 * and a start over that keeps the moment. Each change is a trainer action in
 * the audit log (`trainer.*` events).
 */
export const REHEARSAL_PATH = `${CONTROL_PREFIX}/rehearsal`;
export const REHEARSAL_MOMENT_PATH = `${REHEARSAL_PATH}/moment`;
export const REHEARSAL_SITUATION_PATH = `${REHEARSAL_PATH}/situation`;
export const REHEARSAL_START_OVER_PATH = `${REHEARSAL_PATH}/start-over`;
/** Where the terminal reports a connectivity check run by a user it knows (see practice). */
export const REHEARSAL_CHECKS_PATH = `${REHEARSAL_PATH}/connectivity-checks`;

export const momentPresetIds = [
  "before-launch",
  "launch-day",
  "parallel-run-month",
  "after-decommission",
] as const;
export const momentPresetIdSchema = z.enum(momentPresetIds);
export type MomentPresetId = z.infer<typeof momentPresetIdSchema>;

/** PUT /__sim/rehearsal/moment: a preset of the schedule, an instant, or the real clock again. */
export const momentRequestSchema = z.union([
  z.strictObject({ preset: momentPresetIdSchema }),
  z.strictObject({ at: z.iso.datetime({ offset: true }) }),
  z.strictObject({ realTime: z.literal(true) }),
]);
export type MomentRequest = z.infer<typeof momentRequestSchema>;

/** The moment a trainer chose last (start over comes back to it); null until one is chosen. */
export const chosenMomentSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("preset"), preset: momentPresetIdSchema, at: z.iso.datetime({ offset: true }) }),
  z.object({ kind: z.literal("custom"), at: z.iso.datetime({ offset: true }) }),
  z.object({ kind: z.literal("real-time") }),
]);
export type ChosenMoment = z.infer<typeof chosenMomentSchema>;

export const momentPresetSchema = z.object({
  id: momentPresetIdSchema,
  at: z.iso.datetime({ offset: true }),
  phase: phaseSchema,
});
export type MomentPreset = z.infer<typeof momentPresetSchema>;

/** A user a situation brings, with the demo password the scenario file publishes for it. */
export const situationUserSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  role: roleSchema,
  password: z.string(),
  hasEmail: z.boolean(),
  hasSmartcard: z.boolean(),
  locked: z.boolean(),
});
export type SituationUser = z.infer<typeof situationUserSchema>;

/** A shipped scenario offered as a situation: its name, its own description (English) and its users. */
export const situationSchema = z.object({
  name: z.string(),
  description: z.string(),
  users: z.array(situationUserSchema),
  faults: z.boolean(),
});
export type Situation = z.infer<typeof situationSchema>;

export const situationNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9-]+$/, "a situation's name: lower-case letters, digits and dashes");

/** PUT /__sim/rehearsal/situation */
export const situationRequestSchema = z.strictObject({ name: situationNameSchema });

export const rehearsalStateSchema = z.object({
  status: simStatusSchema,
  realTime: z.boolean(),
  moment: chosenMomentSchema.nullable(),
  presets: z.array(momentPresetSchema),
  schedule: scheduleSchema,
  situations: z.array(situationSchema),
  /** The situation applied last since the seeded start, if any. */
  situation: z.string().nullable(),
});
export type RehearsalState = z.infer<typeof rehearsalStateSchema>;

/** POST /__sim/rehearsal/connectivity-checks: a user of this simulator ran the connectivity check. */
export const checkReportRequestSchema = z.strictObject({
  userId: userIdSchema,
  target: z.url().max(2048),
  status: z.enum(["pass", "warn", "fail"]),
});
export type CheckReportRequest = z.infer<typeof checkReportRequestSchema>;

/** The audit event a reported connectivity check leaves. */
export const CONNECTIVITY_CHECK_EVENT = "practice.connectivity-check";
