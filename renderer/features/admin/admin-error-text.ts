import type { TFunction } from "i18next";
import { errorText } from "../../i18n/error-text.js";
import { formatDate } from "../../ui/dates.js";
import type { UiError } from "../../ui/ui-error.js";

/** A failure of an admin call in words, with the date registration opens when the server gave it. */
export function adminErrorText(t: TFunction, error: UiError, language: string): string {
  if (error.code === "REGISTRATION_CLOSED") {
    const opensAt = error.details?.["opensAt"];
    if (typeof opensAt === "string" && !Number.isNaN(Date.parse(opensAt))) {
      return t("admin.errors.registrationClosed", { date: formatDate(opensAt, language) });
    }
  }
  if (error.code === "FORBIDDEN") return t("admin.errors.forbidden");
  if (error.code === "INVALID_INPUT") return t("admin.form.emailInvalid");
  return errorText(t, error);
}
