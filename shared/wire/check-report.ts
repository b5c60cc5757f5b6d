import { z } from "zod";
import type { CheckMessage, CheckValue } from "../check-text/check-message.js";
import { errorCodeSchema } from "../error-schemas.js";

/**
 * A connectivity check's result as `ccms-check --json` prints it and the app's JSON report saves it. The
 * UI contract shows it, and the simulator validates it when a result reaches a participant's readiness board.
 */
/**
 * `browser`, in the desktop app only: the SSO page reached through Chromium's network stack on the app's
 * session, as Microsoft Edge reaches it (and as the sign-in does). The others probe phase by phase.
 */
export const checkStepIds = ["browser", "proxy", "dns", "tcp", "tls", "http", "page"] as const;
export const checkStepIdSchema = z.enum(checkStepIds);
export type CheckStepId = z.infer<typeof checkStepIdSchema>;

export const checkStatusSchema = z.enum(["pass", "warn", "fail", "skip"]);
export type CheckStatus = z.infer<typeof checkStatusSchema>;

const checkValueSchema: z.ZodType<CheckValue> = z.lazy(() =>
  z.union([
    z.string().max(4096),
    z.number(),
    z.strictObject({ at: z.string().max(64) }),
    z.strictObject({ list: z.array(checkValueSchema).max(64), and: z.literal(true).optional() }),
    checkMessageSchema,
  ]),
);

/** A sentence of a step as a key and its values (`shared/check-text/`), worded in the reader's language. */
export const checkMessageSchema: z.ZodType<CheckMessage> = z.strictObject({
  key: z.string().regex(/^[a-z]+\.[A-Za-z]+$/),
  values: z.record(z.string(), checkValueSchema).optional(),
});

/** One step of a run: what was seen, and (unless it passed) what to do about it. */
export const checkStepSchema = z.object({
  id: checkStepIdSchema,
  status: checkStatusSchema,
  durationMs: z.number().nonnegative(),
  /** What was seen, in English, a line each. */
  detail: z.string(),
  /** What to do, in English. */
  hint: z.string().nullable(),
  /** `detail` as messages, one per line, for the app to word in the person's language. */
  lines: z.array(checkMessageSchema).optional(),
  /** `hint` as messages, one per sentence. */
  advice: z.array(checkMessageSchema).optional(),
  /** The error code the sign-in gives for the same failure (a proxy's, say), so both can be compared. */
  code: errorCodeSchema.optional(),
});
export type CheckStep = z.infer<typeof checkStepSchema>;

export const checkTimingsSchema = z.object({
  dnsMs: z.number().nonnegative().nullable(),
  connectMs: z.number().nonnegative().nullable(),
  tlsMs: z.number().nonnegative().nullable(),
  ttfbMs: z.number().nonnegative().nullable(),
  totalMs: z.number().nonnegative(),
});

/** The result of one run, exactly as `ccms-check --json` prints it and the JSON report saves it. */
export const checkResultSchema = z.object({
  /** The PC the check ran on, as IT named it (`--pc-name` of the installed app's `--check`). */
  pcName: z.string().max(63).optional(),
  status: z.enum(["pass", "warn", "fail"]),
  startedAt: z.string(),
  target: z.string(),
  steps: z.array(checkStepSchema),
  timings: checkTimingsSchema,
});
export type CheckResult = z.infer<typeof checkResultSchema>;
