import { z } from "zod";
import { momentRequestSchema, rehearsalStateSchema, situationNameSchema } from "../wire/rehearsal.js";
import { empty } from "./app.js";
import { method } from "./define.js";
import { limits } from "./limits.js";

/**
 * What the app may do with the simulator it is connected to: the built-in one
 * out of the box; a standalone one once a trainer has given its control token;
 * anything else (a real 2FA server) nothing.
 */
export const rehearsalViewSchema = z.discriminatedUnion("access", [
  /** Not a simulator (or no usable server): the banner shows nothing to control. */
  z.object({ access: z.literal("none") }),
  /** A standalone simulator: a trainer's control token is needed; `refused` when the one kept no longer works. */
  z.object({ access: z.literal("token-needed"), refused: z.boolean() }),
  z.object({ access: z.literal("builtin"), state: rehearsalStateSchema }),
  /**
   * A standalone simulator under a trainer's token: `tokenKept` says where the app keeps it, in this
   * computer's keychain (still there when the app starts again) or, without one, in its memory until it quits.
   */
  z.object({
    access: z.literal("trainer"),
    state: rehearsalStateSchema,
    tokenKept: z.enum(["keychain", "memory"]),
  }),
]);
export type RehearsalView = z.infer<typeof rehearsalViewSchema>;

/** A control token as the simulator prints it (spaces around it are not part of it). */
export const controlTokenSchema = z
  .string()
  .trim()
  .min(limits.controlTokenMin, `a control token is at least ${limits.controlTokenMin} characters`)
  .max(limits.controlTokenMax)
  .regex(/^[A-Za-z0-9._~+/=-]+$/, "a control token has letters, digits and . _ ~ + / = - only");

export const rehearsalMethods = {
  /** The simulated moment, the situations and what the app may change. */
  "rehearsal.state": method(empty, rehearsalViewSchema),
  /** Moves the simulator to a preset moment, a date and time of one's own, or back to the real clock. */
  "rehearsal.setMoment": method(momentRequestSchema, rehearsalStateSchema),
  /** Puts a shipped situation (a scenario's users and network faults) on top of the moment. */
  "rehearsal.applySituation": method(z.strictObject({ name: situationNameSchema }), rehearsalStateSchema),
  /** Back to the seeded users at the chosen moment (the record of practice is kept). */
  "rehearsal.startOver": method(empty, rehearsalStateSchema),
  /**
   * Keeps a trainer's control token for the standalone simulator in use, once the simulator has
   * accepted it; CONTROL_TOKEN_REFUSED (and nothing kept) when it does not.
   */
  "rehearsal.setTrainerToken": method(z.strictObject({ token: controlTokenSchema }), rehearsalViewSchema),
  "rehearsal.forgetTrainerToken": method(empty, rehearsalViewSchema),
};
