import { z } from "zod";
import { empty } from "./app.js";
import { event, method } from "./define.js";
import { limits } from "./limits.js";
import { checkResultSchema, checkStepIdSchema, checkStepSchema } from "../wire/check-report.js";

/** The production 2FA server's sign-in page, as published in HKEX's circulars. */
export const PRODUCTION_SSO_URL = "https://sso.hkexposttrade.com.hk/sso";

export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;
export const MIN_CHECK_TIMEOUT_MS = 100;
export const MAX_CHECK_TIMEOUT_MS = 120_000;

export {
  checkResultSchema,
  checkStatusSchema,
  checkStepIdSchema,
  checkStepIds,
  checkStepSchema,
  checkTimingsSchema,
  type CheckResult,
  type CheckStatus,
  type CheckStep,
  type CheckStepId,
} from "../wire/check-report.js";

/** Where a run was made from: printed on the HTML report for the CP's records. */
export const checkOriginSchema = z.object({
  machine: z.string(),
  user: z.string(),
  platform: z.string(),
  appVersion: z.string(),
});
export type CheckOrigin = z.infer<typeof checkOriginSchema>;

export const checkTargetKindSchema = z.enum(["production", "builtin", "url"]);

/** One stored run: the result plus where and what it was made from. */
export const checkRunSchema = z.object({
  runId: z.string(),
  targetKind: checkTargetKindSchema,
  origin: checkOriginSchema,
  result: checkResultSchema,
});
export type CheckRun = z.infer<typeof checkRunSchema>;

/** `ip` or `ip:port`; IPv6 with a port is written `[ip]:port`. */
export const dnsServerSchema = z
  .string()
  .trim()
  .max(64)
  .refine((text) => parseDnsServer(text) !== null, { message: "expected an IP address, or ip:port" });

export interface DnsServerAddress {
  host: string;
  port: number;
}

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const ipv6 = /^[0-9a-fA-F:.]+$/;

export function parseDnsServer(text: string): DnsServerAddress | null {
  const port = (raw: string | undefined): number | null => {
    if (raw === undefined) return 53;
    if (!/^\d{1,5}$/.test(raw)) return null;
    const value = Number(raw);
    return value >= 1 && value <= 65_535 ? value : null;
  };
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(text);
  if (bracketed) {
    const host = bracketed[1] ?? "";
    const p = port(bracketed[2]);
    return ipv6.test(host) && host.includes(":") && p !== null ? { host, port: p } : null;
  }
  if (text.split(":").length > 2) return ipv6.test(text) ? { host: text, port: 53 } : null;
  const [host = "", rawPort] = text.split(":");
  const p = port(rawPort);
  return ipv4.test(host) && p !== null ? { host, port: p } : null;
}

const targetUrlSchema = z.url({ protocol: /^https?$/ }).max(limits.urlMax);

export const checkTargetSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("production") }),
  z.strictObject({ kind: z.literal("builtin") }),
  z.strictObject({ kind: z.literal("url"), url: targetUrlSchema }),
]);
export type CheckTarget = z.infer<typeof checkTargetSchema>;

export const checkRunInputSchema = z.strictObject({
  target: checkTargetSchema,
  dnsServers: z.array(dnsServerSchema).max(8).default([]),
  caFile: z.string().trim().min(1).max(limits.filePathMax).optional(),
  /** `http://[user:password@]host:port`; empty means "as the system says". */
  proxy: z
    .url({ protocol: /^https?$/ })
    .max(limits.urlMax)
    .optional(),
  timeoutMs: z
    .number()
    .int()
    .min(MIN_CHECK_TIMEOUT_MS)
    .max(MAX_CHECK_TIMEOUT_MS)
    .default(DEFAULT_CHECK_TIMEOUT_MS),
});
export type CheckRunInput = z.input<typeof checkRunInputSchema>;

export const checkRunSummarySchema = z.object({
  runId: z.string(),
  startedAt: z.string(),
  target: z.string(),
  targetKind: checkTargetKindSchema,
  status: checkResultSchema.shape.status,
});
export type CheckRunSummary = z.infer<typeof checkRunSummarySchema>;

export const reportFormatSchema = z.enum(["json", "html"]);
export type ReportFormat = z.infer<typeof reportFormatSchema>;

export const runIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);

export const connectivityMethods = {
  /**
   * Starts a run; its steps arrive as `connectivity.step` events and its end as `connectivity.done`.
   * `steps`: the steps it will report, in order (the desktop app's start with `browser`).
   */
  "connectivity.run": method(
    checkRunInputSchema,
    z.object({ runId: z.string(), steps: z.array(checkStepIdSchema) }),
  ),
  /** Past runs, newest first. */
  "connectivity.history": method(empty, z.object({ runs: z.array(checkRunSummarySchema) })),
  /** One stored run in full. */
  "connectivity.get": method(z.strictObject({ runId: runIdSchema }), checkRunSchema),
  /** A report of a stored run, as text ready to be saved. */
  "connectivity.report": method(
    z.strictObject({ runId: runIdSchema, format: reportFormatSchema }),
    z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() }),
  ),
};

export const connectivityEvents = {
  /** A step of a run finished. */
  "connectivity.step": event(z.object({ runId: z.string(), step: checkStepSchema })),
  /** A run finished (and was stored in the history). */
  "connectivity.done": event(z.object({ runId: z.string(), run: checkRunSchema })),
};
