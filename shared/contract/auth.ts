import { z } from "zod";
import { mailMessageSchema } from "../wire/control.js";
import {
  authnStepFields,
  factorSchema,
  otpSchema,
  passwordSchema,
  sessionInfoSchema,
  userIdSchema,
} from "../wire/authn.js";
import { passwordRules } from "../wire/password-rules.js";
import { sessionEndedDetailsSchema } from "../wire/session.js";
import { empty } from "./app.js";
import { method } from "./define.js";

/** The policy a new password must meet, in figures the UI states before the person types. */
export const passwordPolicyViewSchema = z.object({
  minLength: z.number().int().positive(),
  minClasses: z.number().int().min(1).max(4),
  historySize: z.number().int().nonnegative(),
});
export type PasswordPolicyView = z.infer<typeof passwordPolicyViewSchema>;

/**
 * The details of a PASSWORD_POLICY refusal of `auth.changePassword`: the
 * server's problems as it wrote them, and the rules they are about (in the
 * same order; null where a problem names no known rule).
 */
export const passwordPolicyDetailsSchema = z.object({
  problems: z.array(z.string()),
  rules: z.array(z.enum(passwordRules).nullable()),
  policy: z.string().optional(),
});
export type PasswordPolicyDetails = z.infer<typeof passwordPolicyDetailsSchema>;

/**
 * What the UI sees of a login in progress: the server's answer by state, each
 * with exactly its fields, without the tokens (state and session), which stay
 * in the main process and never reach the page. PASSWORD_EXPIRED adds the
 * policy the new password must meet.
 */
export const authViewSchema = z.discriminatedUnion("state", [
  z.object({ state: z.literal("OTP_REQUIRED"), ...authnStepFields.OTP_REQUIRED }),
  z.object({ state: z.literal("METHOD_CHOICE"), ...authnStepFields.METHOD_CHOICE }),
  z.object({ state: z.literal("SMARTCARD_REQUIRED"), ...authnStepFields.SMARTCARD_REQUIRED }),
  z.object({
    state: z.literal("PASSWORD_EXPIRED"),
    ...authnStepFields.PASSWORD_EXPIRED,
    passwordPolicy: passwordPolicyViewSchema,
  }),
  z.object({ state: z.literal("EMAIL_NOT_REGISTERED"), ...authnStepFields.EMAIL_NOT_REGISTERED }),
  z.object({ state: z.literal("METHOD_DECOMMISSIONED"), ...authnStepFields.METHOD_DECOMMISSIONED }),
  z.object({ state: z.literal("LOCKED_OUT"), ...authnStepFields.LOCKED_OUT }),
  z.object({ state: z.literal("SUCCESS"), ...authnStepFields.SUCCESS }),
]);
export type AuthView = z.infer<typeof authViewSchema>;
/** The view of one state. */
export type AuthViewOf<S extends AuthView["state"]> = Extract<AuthView, { state: S }>;

/**
 * The signed-in session as the page may know it: the session (null when there is none), whether the
 * terminal is locked (the page then shows only the lock screen), why it just ended when the server said,
 * and the server's time when this was known (the simulator's clock may be anywhere).
 */
export const sessionViewSchema = z.object({
  session: sessionInfoSchema.nullable(),
  locked: z.boolean(),
  ended: sessionEndedDetailsSchema.optional(),
  serverTime: z.iso.datetime({ offset: true }).optional(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const authMethods = {
  "auth.begin": method(z.strictObject({ userId: userIdSchema, password: passwordSchema }), authViewSchema),
  "auth.verifyOtp": method(z.strictObject({ otp: otpSchema }), authViewSchema),
  "auth.resendOtp": method(empty, authViewSchema),
  /** From PASSWORD_EXPIRED: sets a new password and goes on to the next step (PASSWORD_POLICY if refused). */
  "auth.changePassword": method(z.strictObject({ newPassword: passwordSchema }), authViewSchema),
  "auth.chooseFactor": method(z.strictObject({ factor: factorSchema }), authViewSchema),
  "auth.cancel": method(empty, z.strictObject({ ok: z.literal(true) })),
  "auth.session": method(empty, sessionViewSchema),
  "auth.signOut": method(empty, z.strictObject({ ok: z.literal(true) })),
  /** The simulated mailbox of the user signing in; only with a simulated server. */
  "mailbox.list": method(empty, z.object({ messages: z.array(mailMessageSchema) })),
};
