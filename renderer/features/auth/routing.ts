import type { AuthView, AuthViewOf } from "../../../shared/contract/auth.js";
import { assertNever } from "../../../shared/assert-never.js";
import type { ErrorCode } from "../../../shared/errors.js";
import type { Factor } from "../../../shared/wire/authn.js";
import type { Screen } from "../../app/nav-store.js";

/** The screen that shows a login in a given state. */
export function screenFor(view: AuthView): Screen {
  switch (view.state) {
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
      return "outcome";
    default:
      return assertNever(view);
  }
}

/** The view when it stands at `state`, else null: a screen reads the fields of its own state only. */
export function viewAt<S extends AuthView["state"]>(view: AuthView | null, state: S): AuthViewOf<S> | null {
  return view?.state === state ? (view as AuthViewOf<S>) : null;
}

const noFactors: readonly Factor[] = Object.freeze([]);

/** The factors the server offers at this step (none where the step offers no choice). */
export function factorsOf(view: AuthView | null): readonly Factor[] {
  if (view === null) return noFactors;
  switch (view.state) {
    case "OTP_REQUIRED":
    case "METHOD_CHOICE":
    case "SMARTCARD_REQUIRED":
    case "EMAIL_NOT_REGISTERED":
      return view.factors;
    case "PASSWORD_EXPIRED":
    case "METHOD_DECOMMISSIONED":
    case "LOCKED_OUT":
    case "SUCCESS":
      return noFactors;
    default:
      return assertNever(view);
  }
}

/** How a sign-in ended without a session; EXPIRED when the page no longer holds the answer. */
export interface Outcome {
  kind: "LOCKED_OUT" | "EMAIL_NOT_REGISTERED" | "METHOD_DECOMMISSIONED" | "EXPIRED";
  lockedUntil: string | null;
  message: string | null;
}

export function outcomeOf(view: AuthView | null): Outcome {
  const expired: Outcome = { kind: "EXPIRED", lockedUntil: null, message: null };
  if (view === null) return expired;
  switch (view.state) {
    case "LOCKED_OUT":
      return { kind: view.state, lockedUntil: view.lockedUntil, message: view.message };
    case "EMAIL_NOT_REGISTERED":
    case "METHOD_DECOMMISSIONED":
      return { kind: view.state, lockedUntil: null, message: view.message };
    case "OTP_REQUIRED":
    case "METHOD_CHOICE":
    case "SMARTCARD_REQUIRED":
    case "PASSWORD_EXPIRED":
    case "SUCCESS":
      return expired;
    default:
      return assertNever(view);
  }
}

/** Errors after which the login in progress is gone and the person must start again. */
export const restartCodes: ReadonlySet<string> = new Set<ErrorCode>([
  "EXPIRED",
  "INVALID_STATE_TOKEN",
  "NO_LOGIN_IN_PROGRESS",
  "WRONG_STATE",
  "RESEND_LIMIT",
]);
