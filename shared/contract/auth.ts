import { z } from "zod";
import { mailMessageSchema } from "../wire/control.js";
import {
  authnStateSchema,
  factorSchema,
  otpSchema,
  passwordSchema,
  sessionInfoSchema,
  userIdSchema,
} from "../wire/authn.js";
import { phaseSchema } from "../phases.js";
import { empty } from "./app.js";
import { method } from "./define.js";

/**
 * What the UI sees of a login in progress. Tokens (state and session) stay in
 * the main process and never reach the page.
 */
export const authViewSchema = z.object({
  state: authnStateSchema,
  userId: z.string().optional(),
  maskedEmail: z.string().optional(),
  otpExpiresAt: z.string().optional(),
  resendAvailableAt: z.string().optional(),
  resendsRemaining: z.number().int().nonnegative().optional(),
  attemptsRemaining: z.number().int().nonnegative().optional(),
  factors: z.array(factorSchema).optional(),
  phase: phaseSchema.optional(),
  lockedUntil: z.string().optional(),
  message: z.string().optional(),
  expiresAt: z.string().optional(),
  session: sessionInfoSchema.optional(),
});
export type AuthView = z.infer<typeof authViewSchema>;

export const sessionViewSchema = z.object({ session: sessionInfoSchema.nullable() });
export type SessionView = z.infer<typeof sessionViewSchema>;

export const authMethods = {
  "auth.begin": method(z.strictObject({ userId: userIdSchema, password: passwordSchema }), authViewSchema),
  "auth.verifyOtp": method(z.strictObject({ otp: otpSchema }), authViewSchema),
  "auth.resendOtp": method(empty, authViewSchema),
  "auth.chooseFactor": method(z.strictObject({ factor: factorSchema }), authViewSchema),
  "auth.cancel": method(empty, z.strictObject({ ok: z.literal(true) })),
  "auth.session": method(empty, sessionViewSchema),
  "auth.signOut": method(empty, z.strictObject({ ok: z.literal(true) })),
  /** The simulated mailbox of the user signing in; only with a simulated server. */
  "mailbox.list": method(empty, z.object({ messages: z.array(mailMessageSchema) })),
};
