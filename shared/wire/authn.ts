import { z } from "zod";
import { emailPattern, limits, otpPattern, userIdPattern } from "../contract/limits.js";
import { clearingHouseSchema, phaseSchema, roleSchema } from "../phases.js";
import { type AnswerState } from "./authn-states.js";

/**
 * Wire types of the 2FA/SSO protocol spoken between the CCMS Terminal and the
 * 2FA server (the simulator, or a real server of the same shape). The states
 * and the requests each accepts are in `authn-states.ts`.
 */
export const API_PREFIX = "/sso/api/v1";

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

const remaining = z.number().int().nonnegative();
const factorsSchema = z.array(factorSchema);
/** The user and the phase, as every step of a sign-in in progress names them. */
const stepFields = { userId: z.string(), phase: phaseSchema };
/** When the step's state token stops working. */
const tokenExpiry = { expiresAt: isoTime };

/**
 * What each answer says of the sign-in, by state, apart from its tokens (which
 * stay in the client's main process): the page's view is built from the same fields.
 */
export const authnStepFields = {
  OTP_REQUIRED: {
    ...stepFields,
    ...tokenExpiry,
    factors: factorsSchema,
    /** Where the code went, e.g. `d*******r@cp001.example.com`. */
    maskedEmail: z.string(),
    otpExpiresAt: isoTime,
    resendAvailableAt: isoTime,
    resendsRemaining: remaining,
    attemptsRemaining: remaining,
  },
  METHOD_CHOICE: { ...stepFields, ...tokenExpiry, factors: factorsSchema },
  SMARTCARD_REQUIRED: { ...stepFields, ...tokenExpiry, factors: factorsSchema },
  PASSWORD_EXPIRED: { ...stepFields, ...tokenExpiry, message: z.string() },
  /** Ends the sign-in, unless the user holds a card the phase still accepts (then it carries a state token). */
  EMAIL_NOT_REGISTERED: {
    ...stepFields,
    expiresAt: isoTime.optional(),
    factors: factorsSchema,
    message: z.string(),
  },
  METHOD_DECOMMISSIONED: { ...stepFields, message: z.string() },
  LOCKED_OUT: { lockedUntil: isoTime, message: z.string() },
  SUCCESS: { session: sessionInfoSchema },
} satisfies Record<AnswerState, z.ZodRawShape>;

const stateToken = { stateToken: z.string().min(1) };

/** Every answer of the authn endpoints (200): one shape per state, each with exactly its fields. */
export const authnResponseSchema = z.discriminatedUnion("state", [
  z.object({ state: z.literal("OTP_REQUIRED"), ...authnStepFields.OTP_REQUIRED, ...stateToken }),
  z.object({ state: z.literal("METHOD_CHOICE"), ...authnStepFields.METHOD_CHOICE, ...stateToken }),
  z.object({ state: z.literal("SMARTCARD_REQUIRED"), ...authnStepFields.SMARTCARD_REQUIRED, ...stateToken }),
  z.object({ state: z.literal("PASSWORD_EXPIRED"), ...authnStepFields.PASSWORD_EXPIRED, ...stateToken }),
  z
    .object({
      state: z.literal("EMAIL_NOT_REGISTERED"),
      ...authnStepFields.EMAIL_NOT_REGISTERED,
      stateToken: stateToken.stateToken.optional(),
    })
    .refine((step) => (step.stateToken === undefined) === (step.expiresAt === undefined), {
      message: "a state token comes with its expiry, and only with one",
      path: ["stateToken"],
    }),
  z.object({ state: z.literal("METHOD_DECOMMISSIONED"), ...authnStepFields.METHOD_DECOMMISSIONED }),
  z.object({ state: z.literal("LOCKED_OUT"), ...authnStepFields.LOCKED_OUT }),
  z.object({ state: z.literal("SUCCESS"), ...authnStepFields.SUCCESS, sessionToken: z.string().min(1) }),
]);
export type AuthnResponse = z.infer<typeof authnResponseSchema>;
/** An answer of one state. */
export type AuthnAnswer<S extends AnswerState> = Extract<AuthnResponse, { state: S }>;

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
