import { z } from "zod";
import {
  adminUsersResponseSchema,
  lockResponseSchema,
  setEmailResponseSchema,
  unlockResponseSchema,
} from "../wire/admin.js";
import { emailSchema, userIdSchema } from "../wire/authn.js";
import { empty } from "./app.js";
import { method } from "./define.js";

/** An email address as a person types it: surrounding spaces are not part of it. */
export const adminEmailSchema = z.string().trim().pipe(emailSchema);

/**
 * The Delegated Administrator's functions, with the DA's own session (kept in
 * the main process). Anyone but a DA gets FORBIDDEN from the server; without a
 * session, NOT_SIGNED_IN.
 */
export const adminMethods = {
  /** The users of the DA's participant, with whether each has an email registered (masked) and any lockout. */
  "admin.listUsers": method(empty, adminUsersResponseSchema),
  /** Registers or changes a user's email for 2FA; REGISTRATION_CLOSED (with `opensAt`) before its window. */
  "admin.setEmail": method(
    z.strictObject({ userId: userIdSchema, email: adminEmailSchema }),
    setEmailResponseSchema,
  ),
  "admin.unlock": method(z.strictObject({ userId: userIdSchema }), unlockResponseSchema),
  /** Locks a user's account until a DA unlocks it; the user's sessions end. */
  "admin.lock": method(z.strictObject({ userId: userIdSchema }), lockResponseSchema),
};
