import { z } from "zod";
import { phaseSchema } from "../phases.js";
import { sessionInfoSchema } from "../wire/authn.js";
import { empty } from "./app.js";
import { method } from "./define.js";

/** The rehearsals of the migration a user can practise, in the order a person meets them. */
export const practiceItemIds = [
  "otp-sign-in",
  "otp-resend",
  "otp-wrong-code",
  "smartcard-fallback",
  "after-decommission",
  "da-register-email",
  "connectivity-check",
] as const;
export const practiceItemIdSchema = z.enum(practiceItemIds);
export type PracticeItemId = z.infer<typeof practiceItemIdSchema>;

const iso = z.iso.datetime({ offset: true });

/** One rehearsal: whether it makes sense at the simulated moment, and whether (and when) the user did it. */
export const practiceItemSchema = z.object({
  id: practiceItemIdSchema,
  applicable: z.boolean(),
  done: z.boolean(),
  times: z.number().int().nonnegative(),
  /** The simulated moment of the first time. */
  firstAt: iso.nullable(),
  /** The computer's own time of the first time (null when the simulator did not record it). */
  firstRealAt: iso.nullable(),
  lastAt: iso.nullable(),
  lastRealAt: iso.nullable(),
});
export type PracticeItem = z.infer<typeof practiceItemSchema>;

/** Who is practising: the facts a session shows of its user. */
export const practiceUserSchema = sessionInfoSchema.pick({
  userId: true,
  displayName: true,
  role: true,
  participant: true,
  participantName: true,
  clearingHouse: true,
});
export type PracticeUser = z.infer<typeof practiceUserSchema>;

export const practiceUnavailableReasons = [
  /** The server is not a simulator, or the app has no control of it (a standalone one without a token). */
  "no-control",
  /** Nobody has signed in (or begun to) with this server yet. */
  "no-user",
  /** The user is not (or no longer) in the simulator. */
  "unknown-user",
] as const;

export const practiceViewSchema = z.discriminatedUnion("available", [
  z.object({ available: z.literal(false), reason: z.enum(practiceUnavailableReasons) }),
  z.object({
    available: z.literal(true),
    user: practiceUserSchema,
    phase: phaseSchema,
    /** The simulated moment the checklist was made at. */
    now: iso,
    items: z.array(practiceItemSchema),
  }),
]);
export type PracticeView = z.infer<typeof practiceViewSchema>;

export const practiceMethods = {
  /**
   * The practice checklist of the user signed in (or signing in, or last signed in), from the
   * simulator's audit log: a simulator under the app's control only.
   */
  "practice.checklist": method(empty, practiceViewSchema),
};
