import type { CheckResult } from "../../../shared/contract/connectivity.js";

/** The plain-language summary of a result: which i18n key under `connectivity.summary`. */
export function summaryKey(result: CheckResult): string {
  if (result.status === "pass") return "pass";
  const failed = result.steps.find((step) => step.status === "fail");
  if (failed) return `fail.${failed.id}`;
  return "warn";
}
