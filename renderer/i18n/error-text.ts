import type { TFunction } from "i18next";
import type { UiError } from "../ui/ui-error.js";

/** The person-facing message for an error code, or a generic one naming the code. */
export function errorText(t: TFunction, error: UiError): string {
  return t(`errors.${error.code}`, { defaultValue: t("errors.generic", { code: error.code }) });
}
