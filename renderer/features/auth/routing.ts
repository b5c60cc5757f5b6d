import type { AuthView } from "../../../shared/contract/auth.js";
import type { Screen } from "../../app/nav-store.js";

/** The screen that shows a login in a given state. */
export function screenFor(view: AuthView): Screen {
  switch (view.state) {
    case "PASSWORD":
      return "login";
    case "OTP_REQUIRED":
      return "otp";
    case "METHOD_CHOICE":
      return "methodChoice";
    case "SMARTCARD_REQUIRED":
      return "smartcard";
    case "PASSWORD_EXPIRED":
      return "changePassword";
    case "SUCCESS":
      return "desktop";
    case "LOCKED_OUT":
    case "EMAIL_NOT_REGISTERED":
    case "METHOD_DECOMMISSIONED":
    case "EXPIRED":
      return "outcome";
  }
}

/** Errors after which the login in progress is gone and the person must start again. */
export const restartCodes: ReadonlySet<string> = new Set([
  "EXPIRED",
  "INVALID_STATE_TOKEN",
  "NO_LOGIN_IN_PROGRESS",
  "WRONG_STATE",
  "RESEND_LIMIT",
]);
