import { z } from "zod";
import { limits, pcNamePattern } from "../contract/limits.js";
import { phaseSchema, roleSchema } from "../phases.js";
import { ADMIN_PREFIX } from "./admin.js";
import { API_PREFIX, factorSchema } from "./authn.js";
import { checkResultSchema, checkStepIdSchema, checkStepSchema } from "./check-report.js";
import { pendingDaEmailSchema } from "./da-email.js";

/**
 * Wire types of a participant's migration readiness: the board its Delegated Administrator reads
 * (deadlines, users, terminal PCs' connectivity results, a verdict), and the results that reach it.
 */
const isoTime = z.iso.datetime({ offset: true });

/** A participant's code as the simulator keeps it (`CP001`). */
export const participantIdSchema = z.string().trim().min(1).max(16);
export const participantParamsSchema = z.strictObject({ participant: participantIdSchema });

/** GET: the board of the DA's own participant; another participant's is FORBIDDEN. */
export const READINESS_ROUTE = `${ADMIN_PREFIX}/participants/:participant/readiness`;
/** POST: a connectivity result for a PC of the participant, by any of its signed-in users. */
export const PC_RESULTS_ROUTE = `${API_PREFIX}/participants/:participant/pc-results`;

const withParticipant = (route: string, participant: string): string =>
  route.replace(":participant", encodeURIComponent(participant));
export const readinessPath = (participant: string): string => withParticipant(READINESS_ROUTE, participant);
export const pcResultsPath = (participant: string): string => withParticipant(PC_RESULTS_ROUTE, participant);

/** A report's own size limit (its JSON text, UTF-8); a larger one is REPORT_TOO_LARGE. */
export const PC_REPORT_MAX_BYTES = limits.pcReportMaxBytes;

/** What REPORT_TOO_LARGE says, with the size given: the server's answer, and the app's own before it sends. */
export function reportTooLargeMessage(bytes: number): string {
  const size =
    bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
  return `A connectivity report can be at most ${PC_REPORT_MAX_BYTES / 1024} KB; this one is ${size}.`;
}

/** A terminal PC's name: a host name's characters, as IT staff name the PCs. */
export const pcNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(limits.pcNameMax)
  .regex(pcNamePattern, "letters, digits, dot, dash and underscore, starting with a letter or digit");

export const pcResultSourceSchema = z.enum(["app", "upload"]);
export type PcResultSource = z.infer<typeof pcResultSourceSchema>;

export const submitPcResultRequestSchema = z.strictObject({
  pcName: pcNameSchema,
  /** `app`: sent from the connectivity check just run; `upload`: a saved JSON report the DA uploads. */
  source: pcResultSourceSchema,
  /** The uploaded file's name, for the record. */
  fileName: z.string().trim().min(1).max(255).optional(),
  /** The report exactly as saved: the JSON text of `ccms-check --json` or the app's JSON report. */
  report: z.string(),
});
export type SubmitPcResultRequest = z.infer<typeof submitPcResultRequestSchema>;

/** What the server accepts as a report: a check result with a real start time and 1 to 12 steps. */
export const pcReportSchema = checkResultSchema.extend({
  startedAt: isoTime,
  target: z.string().min(1).max(2048),
  steps: z.array(checkStepSchema).min(1).max(12),
});

export const pcResultSchema = z.object({
  pcName: z.string(),
  status: checkResultSchema.shape.status,
  /** When the check ran (the report's `startedAt`). */
  startedAt: isoTime,
  /** The first step that failed; null when none did. */
  failingStep: checkStepIdSchema.nullable(),
  target: z.string(),
  source: pcResultSourceSchema,
  fileName: z.string().nullable(),
  submittedBy: z.string(),
  submittedAt: isoTime,
});
export type PcResult = z.infer<typeof pcResultSchema>;

export const submitPcResultResponseSchema = z.object({ result: pcResultSchema });

export const deadlineIds = [
  "userEmailRegistrationOpens",
  "daEmailRegistrationOpens",
  "readinessDeadline",
  "launch",
  "decommission",
] as const;
export const deadlineIdSchema = z.enum(deadlineIds);
export type DeadlineId = z.infer<typeof deadlineIdSchema>;
export const deadlineStatusSchema = z.enum(["upcoming", "today", "passed"]);
export type DeadlineStatus = z.infer<typeof deadlineStatusSchema>;

/** A date of the schedule and where the simulated date stands to it, in Hong Kong calendar days. */
export const deadlineSchema = z.object({
  id: deadlineIdSchema,
  at: isoTime,
  status: deadlineStatusSchema,
  /** Days from the simulated date to this one: positive ahead, 0 today, negative past. */
  daysLeft: z.number().int(),
});
export type Deadline = z.infer<typeof deadlineSchema>;

/**
 * What a user still needs: an email for 2FA, an unlock, a first sign-in with 2FA (once 2FA has launched);
 * for a DA, HKEX to process the email application (instead of `no-email` while one is pending).
 */
export const userNeedSchema = z.enum(["no-email", "da-email-processing", "locked", "no-2fa-sign-in"]);
export type UserNeed = z.infer<typeof userNeedSchema>;

/** The users a page of the board lists: those who still need something, or all. */
export const userFilterSchema = z.enum(["needs-action", "all"]);
export type UserFilter = z.infer<typeof userFilterSchema>;

export const boardUserSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  role: roleSchema,
  hasSmartcard: z.boolean(),
  emailRegistered: z.boolean(),
  maskedEmail: z.string().nullable(),
  lockedUntil: isoTime.nullable(),
  /** First and last sign-in with password and OTP; null: never yet. */
  first2faSignInAt: isoTime.nullable(),
  last2faSignInAt: isoTime.nullable(),
  /** The last successful sign-in by any method, and the failed attempts since (from the audit log). */
  lastSignIn: z.object({ at: isoTime, method: factorSchema }).nullable(),
  failedAttemptsSinceLastSignIn: z.number().int().nonnegative(),
  /** A DA's email application being processed by HKEX (`late`: submitted on or after the deadline). */
  emailApplication: pendingDaEmailSchema.nullable(),
  /** Empty: ready. */
  needs: z.array(userNeedSchema),
});
export type BoardUser = z.infer<typeof boardUserSchema>;

export const boardPcSchema = pcResultSchema.extend({
  /** How many results this PC has on the board; the row shows the latest. */
  resultCount: z.number().int().positive(),
});
export type BoardPc = z.infer<typeof boardPcSchema>;

export const verdictReasonCodeSchema = z.enum([
  "users-without-email",
  "das-email-processing",
  "users-locked",
  "users-without-2fa-sign-in",
  "no-pc-results",
  "pcs-failing",
]);
export type VerdictReasonCode = z.infer<typeof verdictReasonCodeSchema>;
export const verdictReasonSchema = z.object({ code: verdictReasonCodeSchema, count: z.number().int() });
export type VerdictReason = z.infer<typeof verdictReasonSchema>;

export const readinessBoardSchema = z.object({
  participant: z.string(),
  participantName: z.string(),
  phase: phaseSchema,
  /** The simulated date the statuses are computed at. */
  serverTime: isoTime,
  deadlines: z.array(deadlineSchema),
  users: z.object({
    total: z.number().int().nonnegative(),
    notReady: z.number().int().nonnegative(),
    /** The page of users in `items`: which of them, from where. */
    filter: userFilterSchema,
    offset: z.number().int().nonnegative(),
    /** How many users the filter selects (`items` holds `limit` of them at most). */
    matching: z.number().int().nonnegative(),
    items: z.array(boardUserSchema),
  }),
  pcs: z.object({
    /** PCs with at least one result. */
    total: z.number().int().nonnegative(),
    /** PCs whose latest result failed. */
    failing: z.number().int().nonnegative(),
    /** Every result stored for the participant. */
    results: z.number().int().nonnegative(),
    /** Each PC's latest result, failing ones first, then by name. */
    items: z.array(boardPcSchema),
  }),
  verdict: z.object({ ready: z.boolean(), reasons: z.array(verdictReasonSchema) }),
});
export type ReadinessBoard = z.infer<typeof readinessBoardSchema>;

/** The board's query: which users, and which page of them (by user ID); every count covers them all. */
export const READINESS_PAGE_MAX = 5000;
export const readinessQuerySchema = z.strictObject({
  users: userFilterSchema.default("all"),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(READINESS_PAGE_MAX).default(200),
});
export type ReadinessQuery = z.infer<typeof readinessQuerySchema>;
