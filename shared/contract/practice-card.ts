import { z } from "zod";
import { empty } from "./app.js";
import { method } from "./define.js";
import { cardPinSchema, smartcardStatusSchema } from "./smartcard.js";

/** The reader of the vsmartcard driver a practice card can go into, where PC/SC offers it. */
export const VIRTUAL_PCSC_READER = "Virtual PCD 00 00";

export const practiceCardInfoSchema = z.object({
  /** The user signing in, for whom a card would be issued. */
  userId: z.string().nullable(),
  canIssue: z.boolean(),
  /** Why not: no simulator under the app's control, no sign-in in progress, or a user who holds no card. */
  reason: z.enum(["no-control", "no-login", "no-card"]).nullable(),
  /** The PC/SC reader a card can go into instead, when the system's readers list it. */
  virtualReader: z.string(),
});
export type PracticeCardInfo = z.infer<typeof practiceCardInfoSchema>;

export const practiceCardDestinationSchema = z.enum(["simulated", "virtual"]);
export type PracticeCardDestination = z.infer<typeof practiceCardDestinationSchema>;

export const practiceCardMethods = {
  "smartcard.practiceCard": method(empty, practiceCardInfoSchema),
  /**
   * Has the simulator issue a card for the user signing in, with the PIN the trainee chose, and puts
   * it straight into the built-in simulated reader or the virtual PC/SC reader. A card issued
   * earlier comes out first.
   */
  "smartcard.issuePracticeCard": method(
    z.strictObject({ pin: cardPinSchema, into: practiceCardDestinationSchema }),
    z.object({ status: smartcardStatusSchema, reader: z.string(), userId: z.string() }),
  ),
};
