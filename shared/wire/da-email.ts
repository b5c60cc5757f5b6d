import { z } from "zod";
import { CONTROL_PREFIX } from "./control.js";

/**
 * Wire types of DAs' email applications. A user's 2FA address is registered by a DA in the terminal
 * and takes effect at once; a DA's own address (or another DA's of the participant) is an application
 * the participant submits to HKEX, which HKEX processes some business days later. Until then the DA
 * has no address for 2FA (or keeps the old one).
 */
const isoTime = z.iso.datetime({ offset: true });

/**
 * `processing`: submitted, being processed by HKEX; `effective`: processed, the address is the DA's
 * for 2FA; `superseded`: a later application for the same DA replaced it before HKEX processed it.
 */
export const daEmailStatuses = ["processing", "effective", "superseded"] as const;
export const daEmailStatusSchema = z.enum(daEmailStatuses);
export type DaEmailStatus = z.infer<typeof daEmailStatusSchema>;

export const daEmailApplicationSchema = z.object({
  id: z.number().int().positive(),
  participant: z.string(),
  /** The DA whose address it is. */
  userId: z.string(),
  displayName: z.string(),
  /** The address applied for, masked. */
  maskedEmail: z.string(),
  /** The DA who submitted it (the same DA, or another of the participant). */
  submittedBy: z.string(),
  /** Simulated time. */
  submittedAt: isoTime,
  status: daEmailStatusSchema,
  /** When HKEX processes it on the simulated clock: the schedule's business days after submission. */
  dueAt: isoTime,
  /** When it took effect (or was superseded); null while being processed. */
  processedAt: isoTime.nullable(),
  /** Submitted on or after the registration deadline (28 Apr 2023 by default): processed all the same. */
  late: z.boolean(),
});
export type DaEmailApplication = z.infer<typeof daEmailApplicationSchema>;

/** A DA's application still being processed, as the admin screen and the readiness board show it. */
export const pendingDaEmailSchema = daEmailApplicationSchema.pick({
  maskedEmail: true,
  submittedBy: true,
  submittedAt: true,
  dueAt: true,
  late: true,
});
export type PendingDaEmail = z.infer<typeof pendingDaEmailSchema>;

/** The control API's view of HKEX's side: every application, and processing them at once. */
export const DA_EMAIL_APPLICATIONS_PATH = `${CONTROL_PREFIX}/hkex/da-email-applications`;
export const DA_EMAIL_PROCESS_PATH = `${DA_EMAIL_APPLICATIONS_PATH}/process`;

/** GET: every application (oldest first), optionally those of one status or one participant. */
export const daEmailApplicationsQuerySchema = z.strictObject({
  status: daEmailStatusSchema.optional(),
  participant: z.string().trim().min(1).max(16).optional(),
});
export const daEmailApplicationsResponseSchema = z.object({
  applications: z.array(daEmailApplicationSchema),
});

/** POST …/process: HKEX processes every application still pending, now. */
export const daEmailProcessResponseSchema = z.object({ processed: z.array(daEmailApplicationSchema) });
export type DaEmailProcessResponse = z.infer<typeof daEmailProcessResponseSchema>;

/** The default delay of HKEX's processing, in business days (Monday to Friday, Hong Kong calendar). */
export const DEFAULT_DA_EMAIL_BUSINESS_DAYS = 10;
