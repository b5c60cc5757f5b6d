import { allInEnglish, inEnglish } from "../../../shared/check-text/english.js";
import type { CheckMessage } from "../../../shared/check-text/check-message.js";
import type { Router } from "../network/route-agent.js";
import type { BrowserProbe } from "./steps/browser-step.js";
import type { ErrorCode } from "../../../shared/errors.js";
import type {
  CheckStatus,
  CheckStep,
  CheckStepId,
  DnsServerAddress,
} from "../../../shared/contract/connectivity.js";

/** What one run checks. */
export interface CheckOptions {
  url: URL;
  /** DNS servers to compare with the system resolver. */
  dnsServers: DnsServerAddress[];
  /** Extra trusted CA certificates (PEM), added to the built-in roots. */
  caPem: string | null;
  /** A proxy given for this run (may carry credentials); when null the route decision of the app decides. */
  proxy: URL | null;
  timeoutMs: number;
}

export interface LookupAddress {
  address: string;
  family: number;
}

/** The slice of node:dns's Resolver the check uses. */
export interface DnsResolver {
  resolve4(hostname: string): Promise<string[]>;
  resolve6(hostname: string): Promise<string[]>;
  cancel(): void;
}

export interface CheckDependencies {
  /** The app's route decision (the sign-in's own) and the proxy credentials it knows. */
  router: Router;
  /** The system resolver (getaddrinfo). */
  lookup(hostname: string): Promise<LookupAddress[]>;
  /** A resolver asking the given servers (`ip:port` / `[ip]:port`) only. */
  createResolver(servers: string[], timeoutMs: number): DnsResolver;
  /** Wall clock, for dates and certificate validity. */
  now(): Date;
  /** Monotonic clock, for durations. */
  perfNow(): number;
  /**
   * The desktop app's browser stack (Chromium's, as the sign-in uses it): when given, the run starts
   * with "Reach the SSO page as Microsoft Edge would" and the phase steps after it are the diagnosis.
   */
  browser?: BrowserProbe | undefined;
}

/** A step as the check makes it: its lines and advice as messages, always. */
export type MadeStep = CheckStep & { lines: CheckMessage[]; advice: CheckMessage[] };

/** A step from what was seen (a message per line) and what to do (a message per sentence), worded in English too. */
export function makeStep(
  id: CheckStepId,
  status: CheckStatus,
  durationMs: number,
  lines: CheckMessage[],
  advice: CheckMessage[] = [],
  code?: ErrorCode,
): MadeStep {
  const step = {
    id,
    status,
    durationMs: Math.round(durationMs * 10) / 10,
    detail: lines.map(inEnglish).join("\n"),
    hint: advice.length ? allInEnglish(advice) : null,
    lines,
    advice,
  };
  return code === undefined ? step : { ...step, code };
}

/** The worst of a set of statuses; skips do not count. */
export function worstOf(statuses: CheckStatus[]): "pass" | "warn" | "fail" {
  if (statuses.includes("fail")) return "fail";
  if (statuses.includes("warn")) return "warn";
  return "pass";
}

export const errorCode = (error: unknown): string =>
  typeof error === "object" && error !== null && "code" in error && typeof error.code === "string"
    ? error.code
    : "";

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Hides a proxy's password before it is shown anywhere. */
export function redactUrl(url: URL): string {
  if (!url.username && !url.password) return url.href;
  const copy = new URL(url.href);
  if (copy.password) copy.password = "***";
  return copy.href;
}

export { bareHost, portOf } from "../network/hosts.js";
