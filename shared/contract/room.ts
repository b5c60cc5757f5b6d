import { z } from "zod";
import { userIdSchema } from "../wire/authn.js";
import {
  roomEndSessionResponseSchema,
  roomSchema,
  roomStartOverResponseSchema,
  roomUnlockResponseSchema,
} from "../wire/room.js";
import { empty } from "./app.js";
import { method } from "./define.js";

const trainee = z.strictObject({ userId: userIdSchema });

/**
 * The trainer's view of the room, through the control API of the simulator in use (the built-in
 * one, or a standalone one with a trainer's token); NOT_AVAILABLE without control of it.
 */
export const roomMethods = {
  /** Every user who has signed in or tried since the last start over, and where each stands. */
  "room.view": method(empty, roomSchema),
  "room.unlock": method(trainee, roomUnlockResponseSchema),
  /** Ends the trainee's live sessions (their app says the session was ended from elsewhere). */
  "room.endSession": method(trainee, roomEndSessionResponseSchema),
  /** The trainee's sign-ins, lock, codes and practice record start over; nobody else's. */
  "room.startOver": method(trainee, roomStartOverResponseSchema),
};
