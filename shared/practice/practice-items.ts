import { z } from "zod";

/** The rehearsals of the migration a user can practise, in the order a person meets them. */
export const practiceItemIds = [
  "otp-sign-in",
  "otp-resend",
  "otp-wrong-code",
  "smartcard-fallback",
  "after-decommission",
  "da-register-email",
  "da-email-application",
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
  /** Begun and waiting for someone else: a DA's email application HKEX has not processed yet. */
  pending: z.boolean(),
  times: z.number().int().nonnegative(),
  /** The simulated moment of the first time. */
  firstAt: iso.nullable(),
  /** The computer's own time of the first time (null when the simulator did not record it). */
  firstRealAt: iso.nullable(),
  lastAt: iso.nullable(),
  lastRealAt: iso.nullable(),
});
export type PracticeItem = z.infer<typeof practiceItemSchema>;
