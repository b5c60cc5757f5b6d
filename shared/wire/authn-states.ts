/**
 * Where a sign-in can stand, and which requests each place accepts. Imports nothing, so the page can
 * check a step before it calls without loading the wire schemas.
 *
 * A sign-in starts with the password (POST /authn) and goes to OTP_REQUIRED, METHOD_CHOICE,
 * SMARTCARD_REQUIRED or PASSWORD_EXPIRED; from there to SUCCESS, or it ends at LOCKED_OUT,
 * EMAIL_NOT_REGISTERED or METHOD_DECOMMISSIONED. The server also keeps EXPIRED for a login cancelled
 * or run out of time; no answer carries it (that request answers with the EXPIRED error instead).
 */
export const answerStates = [
  "OTP_REQUIRED",
  "METHOD_CHOICE",
  "SMARTCARD_REQUIRED",
  "PASSWORD_EXPIRED",
  "EMAIL_NOT_REGISTERED",
  "METHOD_DECOMMISSIONED",
  "LOCKED_OUT",
  "SUCCESS",
] as const;
/** A state an answer of the authn endpoints carries. */
export type AnswerState = (typeof answerStates)[number];

/** A state the server keeps a login in: any answer's state, or EXPIRED. */
export type AuthnState = AnswerState | "EXPIRED";

/** The states each request of a sign-in in progress starts from; from any other it is refused (WRONG_STATE). */
export const requestsFrom = {
  verifyOtp: ["OTP_REQUIRED"],
  resendOtp: ["OTP_REQUIRED"],
  changePassword: ["PASSWORD_EXPIRED"],
  /** Choosing a factor, and the smartcard factor's own challenge and verification. */
  factor: ["METHOD_CHOICE", "OTP_REQUIRED", "SMARTCARD_REQUIRED", "EMAIL_NOT_REGISTERED"],
} as const satisfies Record<string, readonly AnswerState[]>;
export type StepRequest = keyof typeof requestsFrom;

/** Whether `state` is one the request starts from. */
export function acceptsFrom(request: StepRequest, state: AuthnState): boolean {
  return (requestsFrom[request] as readonly AuthnState[]).includes(state);
}
