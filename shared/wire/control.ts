import { z } from "zod";
import { clearingHouseSchema, phaseSchema, roleSchema } from "../phases.js";
import { emailSchema, passwordSchema, userIdSchema } from "./authn.js";

/** Wire types of the simulator's QA control API under /__sim/ (own bearer token). */
export const CONTROL_PREFIX = "/__sim";

export const createUserRequestSchema = z.strictObject({
  userId: userIdSchema,
  password: passwordSchema,
  email: emailSchema.optional(),
  role: roleSchema,
  participant: z.string().trim().min(1).max(16),
  participantName: z.string().trim().min(1).max(120).optional(),
  displayName: z.string().trim().min(1).max(120).optional(),
  clearingHouse: clearingHouseSchema,
  createdAt: z.iso.datetime({ offset: true }).optional(),
  hasSmartcard: z.boolean().optional(),
  passwordExpired: z.boolean().optional(),
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const mailMessageSchema = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  otp: z.string().nullable(),
  sentAt: z.iso.datetime({ offset: true }),
  status: z.enum(["delivered", "failed"]).optional(),
});
export type MailMessage = z.infer<typeof mailMessageSchema>;

export const mailboxResponseSchema = z.object({ messages: z.array(mailMessageSchema) });
export type MailboxResponse = z.infer<typeof mailboxResponseSchema>;

export const simStatusSchema = z.object({
  phase: phaseSchema,
  phasePinned: z.boolean(),
  now: z.iso.datetime({ offset: true }),
});
export type SimStatus = z.infer<typeof simStatusSchema>;
