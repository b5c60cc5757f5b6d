import { z } from "zod";
import { API_PREFIX, factorSchema, passwordSchema, sessionInfoSchema } from "./authn.js";

/**
 * Wire types of a signed-in session beyond `GET`/`DELETE /session`: why a session ended, its state
 * without extending it, re-authentication (unlocking a locked screen), and the user's recent sign-ins.
 */
const isoTime = z.iso.datetime({ offset: true });

/**
 * Why the server ended a session, carried in `details.reason` of every SESSION_EXPIRED error:
 * idle or absolute time limit, signed out with its own token, ended elsewhere (another terminal or the
 * simulator's control API), the account locked (by its DA, or by wrong passwords at unlocking), the
 * simulator reset.
 */
export const sessionEndReasons = [
  "idle",
  "absolute",
  "signed-out",
  "signed-out-elsewhere",
  "account-locked",
  "simulator-reset",
] as const;
export const sessionEndReasonSchema = z.enum(sessionEndReasons);
export type SessionEndReason = z.infer<typeof sessionEndReasonSchema>;

/** The reasons a session is revoked for (the other two come from the clock). */
export const revocationReasons = [
  "signed-out",
  "signed-out-elsewhere",
  "account-locked",
  "simulator-reset",
] as const satisfies readonly SessionEndReason[];
export const revocationReasonSchema = z.enum(revocationReasons);
export type RevocationReason = z.infer<typeof revocationReasonSchema>;

/** `details` of a SESSION_EXPIRED error: the reason, and for a time limit its length in minutes. */
export const sessionEndedDetailsSchema = z.object({
  reason: sessionEndReasonSchema,
  limitMinutes: z.number().positive().optional(),
});
export type SessionEndedDetails = z.infer<typeof sessionEndedDetailsSchema>;

/** GET: the session as the server sees it, without extending its idle time, and the server's clock. */
export const SESSION_STATUS_PATH = `${API_PREFIX}/session/status`;
export const sessionStatusResponseSchema = z.object({ session: sessionInfoSchema, serverTime: isoTime });
export type SessionStatusResponse = z.infer<typeof sessionStatusResponseSchema>;

/**
 * POST: the signed-in user's password again (unlocking a locked terminal). A wrong one counts towards
 * the lockout like any other; the lockout ends the session (SESSION_EXPIRED, reason account-locked).
 */
export const REAUTHENTICATE_PATH = `${API_PREFIX}/session/reauthenticate`;
export const reauthenticateRequestSchema = z.strictObject({ password: passwordSchema });
export const reauthenticateResponseSchema = z.object({ session: sessionInfoSchema });

/** GET: the user's sign-in before this session and the failed attempts since, from the audit log. */
export const SIGN_INS_PATH = `${API_PREFIX}/session/sign-ins`;
export const signInSchema = z.object({ at: isoTime, method: factorSchema });
export type SignIn = z.infer<typeof signInSchema>;
export const recentSignInsSchema = z.object({
  /** The last successful sign-in before this session; null for a first sign-in. */
  previous: signInSchema.nullable(),
  /** Wrong passwords, codes and cards since `previous` (since the account was created when null). */
  failedAttempts: z.number().int().nonnegative(),
  lastFailureAt: isoTime.nullable(),
});
export type RecentSignIns = z.infer<typeof recentSignInsSchema>;

/** The query of the session routes that take none. */
export const noQuerySchema = z.strictObject({});

/** POST /__sim/users/:userId/sessions/end (control API): ends every live session of a user. */
export const endSessionsRequestSchema = z.strictObject({ reason: revocationReasonSchema.optional() });
export const endSessionsResponseSchema = z.object({
  userId: z.string(),
  reason: revocationReasonSchema,
  ended: z.number().int().nonnegative(),
});
export type EndSessionsResponse = z.infer<typeof endSessionsResponseSchema>;
