import { z } from "zod";
import { phaseSchema } from "../phases.js";
import { sessionInfoSchema } from "../wire/authn.js";
import { empty } from "./app.js";
import { method } from "./define.js";
import { practiceItemSchema } from "../practice/practice-items.js";

export {
  practiceItemIds,
  practiceItemIdSchema,
  practiceItemSchema,
  type PracticeItem,
  type PracticeItemId,
} from "../practice/practice-items.js";

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
    now: z.iso.datetime({ offset: true }),
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
