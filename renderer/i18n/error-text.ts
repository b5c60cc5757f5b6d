import type { TFunction } from "i18next";
import { isNetProblemKind } from "../../shared/net-problems.js";
import type { UiError } from "../ui/ui-error.js";

/**
 * The person-facing message for an error code, or a generic one naming the code. The error's
 * details fill the message's blanks (a proxy's name, its status, the schemes it offers). A failure
 * of the desktop app's network stack (Chromium's) is worded by its kind (`details.netProblem`),
 * naming Chromium's own error (`details.netError`) for IT.
 */
export function errorText(t: TFunction, error: UiError): string {
  const values: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(error.details ?? {})) {
    if (typeof value === "string" || typeof value === "number") values[key] = value;
    else if (Array.isArray(value)) values[key] = value.filter((item) => typeof item === "string").join(", ");
  }
  const kind = error.details?.["netProblem"];
  if (isNetProblemKind(kind)) return t(`netProblems.${kind}`, { proxy: "", ...values });
  return t(`errors.${error.code}`, { ...values, defaultValue: t("errors.generic", { code: error.code }) });
}
