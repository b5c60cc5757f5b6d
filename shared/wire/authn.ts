import { z } from "zod";
import { emailPattern, limits, otpPattern, userIdPattern } from "../contract/limits.js";
import { clearingHouseSchema, phaseSchema, roleSchema } from "../phases.js";

/**
 * Wire types of the 2FA/SSO protocol spoken between the CCMS Terminal and the
 * 2FA server (the simulator, or a real server of the same shape). The state
 * machine follows domain.md: PASSWORD → (OTP_REQUIRED | METHOD_CHOICE |
 * SMARTCARD_REQUIRED | PASSWORD_EXPIRED) → SUCCESS, with terminal states.
 */
export const API_PREFIX = "/sso/api/v1";

export const authnStates = [
  "PASSWORD",
  "OTP_REQUIRED",
  "METHOD_CHOICE",
  "SMARTCARD_REQUIRED",
  "PASSWORD_EXPIRED",
  "SUCCESS",
  "LOCKED_OUT",
  "EMAIL_NOT_REGISTERED",
  "METHOD_DECOMMISSIONED",
  "EXPIRED",
] as const;
export const authnStateSchema = z.enum(authnStates);
export type AuthnState = z.infer<typeof authnStateSchema>;

export const factorSchema = z.enum(["otp", "smartcard"]);
export type Factor = z.infer<typeof factorSchema>;

export const userIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(limits.userIdMax)
  .regex(userIdPattern, "letters, digits, dot, dash and underscore only");
export const passwordSchema = z.string().min(1).max(limits.passwordMax);
export const otpSchema = z.string().regex(otpPattern, `${limits.otpLength} digits`);
export const stateTokenSchema = z.string().min(limits.stateTokenMin).max(limits.stateTokenMax);
export const emailSchema = z.email({ pattern: emailPattern }).max(limits.emailMax);
const isoTime = z.iso.datetime({ offset: true });

export const authnRequestSchema = z.strictObject({ userId: userIdSchema, password: passwordSchema });

export const otpVerifyRequestSchema = z.strictObject({ stateToken: stateTokenSchema, otp: otpSchema });

export const stateTokenRequestSchema = z.strictObject({ stateToken: stateTokenSchema });

export const factorChoiceRequestSchema = z.strictObject({
  stateToken: stateTokenSchema,
  factor: factorSchema,
});

export const sessionInfoSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  role: roleSchema,
  participant: z.string(),
  participantName: z.string(),
  clearingHouse: clearingHouseSchema,
  authMethod: factorSchema,
  issuedAt: isoTime,
  idleExpiresAt: isoTime,
  absoluteExpiresAt: isoTime,
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

/** Every answer of the authn endpoints (200), whatever the state. */
export const authnResponseSchema = z.object({
  state: authnStateSchema,
  stateToken: z.string().optional(),
  expiresAt: isoTime.optional(),
  userId: z.string().optional(),
  maskedEmail: z.string().optional(),
  otpExpiresAt: isoTime.optional(),
  resendAvailableAt: isoTime.optional(),
  resendsRemaining: z.number().int().nonnegative().optional(),
  attemptsRemaining: z.number().int().nonnegative().optional(),
  factors: z.array(factorSchema).optional(),
  phase: phaseSchema.optional(),
  lockedUntil: isoTime.optional(),
  message: z.string().optional(),
  sessionToken: z.string().optional(),
  session: sessionInfoSchema.optional(),
});
export type AuthnResponse = z.infer<typeof authnResponseSchema>;

/** GET /sso/api/v1/session */
export const sessionResponseSchema = z.object({ session: sessionInfoSchema });

/** POST /sso/api/v1/authn/password/change (from PASSWORD_EXPIRED) */
export const passwordChangeRequestSchema = z.strictObject({
  stateToken: stateTokenSchema,
  newPassword: passwordSchema,
});

/** The password policy the server enforces on a change, stated for the client to show. */
export const passwordPolicy = {
  minLength: 10,
  minClasses: 3,
  historySize: 5,
  text: "At least 10 characters, with at least 3 of: lower-case letters, upper-case letters, digits, symbols; not containing the user ID; not one of the last 5 passwords.",
} as const;
