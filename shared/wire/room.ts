import { z } from "zod";
import { phaseSchema, roleSchema } from "../phases.js";
import { practiceItemIdSchema } from "../practice/practice-items.js";
import { userIdSchema } from "./authn.js";
import { CONTROL_PREFIX } from "./control.js";

/**
 * Wire types of the trainer's view of the room (control API): every user who has signed in or tried
 * since the last start over, where each stands, and what the trainer can do for one trainee alone.
 */
const isoTime = z.iso.datetime({ offset: true });

export const ROOM_PATH = `${CONTROL_PREFIX}/room`;
export const roomTraineeActions = ["unlock", "end-session", "start-over"] as const;
export const roomTraineeActionSchema = z.enum(roomTraineeActions);
export type RoomTraineeAction = z.infer<typeof roomTraineeActionSchema>;
/** POST: one action for one trainee. */
export const roomTraineeRoute = (action: RoomTraineeAction): string =>
  `${ROOM_PATH}/trainees/:userId/${action}`;
export const roomTraineePath = (userId: string, action: RoomTraineeAction): string =>
  roomTraineeRoute(action).replace(":userId", encodeURIComponent(userId));
export const roomTraineeParamsSchema = z.strictObject({ userId: userIdSchema });

/** Where a trainee's sign-in stands: at the password (or none under way), the code, the choice, the card, signed in. */
export const traineeSteps = ["password", "otp", "method-choice", "smartcard", "desktop"] as const;
export const traineeStepSchema = z.enum(traineeSteps);
export type TraineeStep = z.infer<typeof traineeStepSchema>;

export const roomPracticeItemSchema = z.object({
  id: practiceItemIdSchema,
  done: z.boolean(),
  /** Begun, waiting for HKEX (a DA's email application). */
  pending: z.boolean(),
});

export const roomTraineeSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  role: roleSchema,
  participant: z.string(),
  participantName: z.string(),
  /** A session of theirs is alive now. */
  signedIn: z.boolean(),
  /** Set while a lock is in force. */
  lockedUntil: isoTime.nullable(),
  step: traineeStepSchema,
  /** Their latest own event: simulated time, and the computer's own (null for older data). */
  lastActivityAt: isoTime,
  lastActivityRealAt: isoTime.nullable(),
  /** The practice items that apply at the simulated moment, and which of them are done. */
  practice: z.object({
    done: z.number().int().nonnegative(),
    applicable: z.number().int().nonnegative(),
    items: z.array(roomPracticeItemSchema),
  }),
});
export type RoomTrainee = z.infer<typeof roomTraineeSchema>;

/** GET /__sim/room */
export const roomSchema = z.object({
  phase: phaseSchema,
  /** The simulated moment the room is seen at. */
  now: isoTime,
  /** The last start over (simulated and real time), or null when there has been none. */
  since: z.object({ at: isoTime, realAt: isoTime.nullable() }).nullable(),
  /** By participant, then user ID. */
  trainees: z.array(roomTraineeSchema),
});
export type Room = z.infer<typeof roomSchema>;

/** POST …/unlock */
export const roomUnlockResponseSchema = z.object({ userId: z.string(), wasLocked: z.boolean() });
/** POST …/end-session: the trainee's live sessions ended (the app says it was ended from elsewhere). */
export const roomEndSessionResponseSchema = z.object({
  userId: z.string(),
  ended: z.number().int().nonnegative(),
});
/**
 * POST …/start-over: the trainee's sign-ins in progress, codes, lock, mail and practice record are gone,
 * and their sessions ended; they leave the room until they try again. Nobody else's changes.
 */
export const roomStartOverResponseSchema = z.object({
  userId: z.string(),
  sessionsEnded: z.number().int().nonnegative(),
});
export type RoomUnlockResponse = z.infer<typeof roomUnlockResponseSchema>;
export type RoomEndSessionResponse = z.infer<typeof roomEndSessionResponseSchema>;
export type RoomStartOverResponse = z.infer<typeof roomStartOverResponseSchema>;
