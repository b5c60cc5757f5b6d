import { z } from "zod";
import { limits } from "../contract/limits.js";
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

/** The simulator's own, public extension of the wire: its phase and clock (a real server answers 404). */
export const SIMULATOR_STATUS_PATH = "/sso/api/v1/simulator";

export const simStatusSchema = z.object({
  phase: phaseSchema,
  phasePinned: z.boolean(),
  now: z.iso.datetime({ offset: true }),
});
export type SimStatus = z.infer<typeof simStatusSchema>;

/** A user as the control API shows it (never the password or its hash). */
export const simUserSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  role: roleSchema,
  participant: z.string(),
  participantName: z.string(),
  clearingHouse: clearingHouseSchema,
  email: z.string().nullable(),
  hasSmartcard: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
  passwordExpired: z.boolean(),
  lockedUntil: z.iso.datetime({ offset: true }).nullable(),
});
export type SimUser = z.infer<typeof simUserSchema>;

export const simUserResponseSchema = z.object({ user: simUserSchema });
export const simUsersResponseSchema = z.object({ users: z.array(simUserSchema) });

/** The `:userId` of `/__sim/users/:userId…`. */
export const userPathSchema = z.strictObject({ userId: userIdSchema });

/** A query string that takes no parameters. */
export const emptyQuerySchema = z.strictObject({});

/** POST /__sim/reset: the status after the reset. */
export const resetResponseSchema = simStatusSchema.extend({ reset: z.literal(true) });

/** GET /__sim/routes: every route the simulator serves (HEAD twins left out). */
export const routesResponseSchema = z.object({
  routes: z.array(z.object({ method: z.string(), url: z.string() })),
});

export const mailboxQuerySchema = z
  .strictObject({
    to: z.string().min(1).max(limits.emailMax).optional(),
    userId: z.string().min(1).max(limits.userIdMax).optional(),
    /** Only the most recent N messages (still oldest first). */
    limit: z.coerce.number().int().min(1).max(10_000).optional(),
  })
  .refine((q) => q.to !== undefined || q.userId !== undefined, {
    message: "give ?to=<address> or ?userId=<id>",
  });

/** PUT /__sim/clock: `{now}` jumps to a time (which then runs on), `{offsetMs}` shifts, `{}` returns to real time. */
export const clockRequestSchema = z.union([
  z.strictObject({ now: z.iso.datetime({ offset: true }) }),
  z.strictObject({ offsetMs: z.number().int().min(-1e13).max(1e13) }),
  z.strictObject({}),
]);
export type ClockRequest = z.infer<typeof clockRequestSchema>;

export const clockResponseSchema = z.object({
  now: z.iso.datetime({ offset: true }),
  offsetMs: z.number(),
  realTime: z.boolean(),
});
export type ClockResponse = z.infer<typeof clockResponseSchema>;

/** The migration schedule: the instants at which each phase begins. */
export const scheduleSchema = z.strictObject({
  userEmailRegistrationOpens: z.iso.datetime({ offset: true }),
  daEmailRegistrationOpens: z.iso.datetime({ offset: true }),
  launch: z.iso.datetime({ offset: true }),
  decommission: z.iso.datetime({ offset: true }),
  /**
   * The deadline for email registration and the check of the connection to the 2FA server (28 Apr 2023
   * by default). Absent: 31 days before launch, which is where the circular puts it.
   */
  readinessDeadline: z.iso.datetime({ offset: true }).optional(),
  /**
   * How many business days (Monday to Friday, Hong Kong calendar) HKEX takes to process a DA's email
   * application. Absent: 10.
   */
  daEmailProcessingBusinessDays: z.number().int().min(0).max(250).optional(),
});
export type Schedule = z.infer<typeof scheduleSchema>;

/** PUT /__sim/phase: `{phase}` pins a phase, `{phase: null}` follows the clock again. */
export const phaseRequestSchema = z.strictObject({ phase: phaseSchema.nullable() });

export const phaseResponseSchema = z.object({
  phase: phaseSchema,
  phasePinned: z.boolean(),
  now: z.iso.datetime({ offset: true }),
  schedule: scheduleSchema,
});
export type PhaseResponse = z.infer<typeof phaseResponseSchema>;

export const auditEventSchema = z.object({
  id: z.number().int(),
  at: z.iso.datetime({ offset: true }),
  userId: z.string().nullable(),
  event: z.string(),
  method: z.string(),
  outcome: z.string(),
  clientAddress: z.string().nullable(),
  detail: z.string().nullable(),
  /** The computer's own time of the event (`at` is the simulated time); null for events of older data. */
  realAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditQuerySchema = z.strictObject({
  userId: z.string().min(1).max(limits.userIdMax).optional(),
  /** Only events of this name (e.g. `admin.email.set`). */
  event: z
    .string()
    .regex(/^[a-z0-9.-]{1,64}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
});
export const auditResponseSchema = z.object({ events: z.array(auditEventSchema) });
