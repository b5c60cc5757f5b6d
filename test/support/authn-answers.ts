import { authViewSchema, type AuthView, type AuthViewOf } from "../../shared/contract/auth.js";
import type { AnswerState } from "../../shared/wire/authn-states.js";
import { authnResponseSchema, type AuthnAnswer } from "../../shared/wire/authn.js";

/** An answer of the authn endpoints, checked against the wire schema and expected at `state`. */
export function answerAt<S extends AnswerState>(data: unknown, state: S): AuthnAnswer<S> {
  const answer = authnResponseSchema.parse(data);
  if (answer.state !== state)
    throw new Error(`expected ${state}, the server answered ${JSON.stringify(answer)}`);
  return answer as AuthnAnswer<S>;
}

/** A view the client handed the page, expected at `state`. */
export function viewAt<S extends AuthView["state"]>(view: AuthView, state: S): AuthViewOf<S> {
  if (view.state !== state) throw new Error(`expected ${state}, the client showed ${JSON.stringify(view)}`);
  return view as AuthViewOf<S>;
}

const at = "2023-06-05T02:00:00.000Z";
const session = {
  userId: "demo.user",
  displayName: "Chan Tai Man",
  role: "user",
  participant: "CP001",
  participantName: "Demo Securities Limited",
  clearingHouse: "HKSCC",
  authMethod: "otp",
  issuedAt: at,
  idleExpiresAt: at,
  absoluteExpiresAt: at,
} as const;
const step = { userId: "demo.user", phase: "parallel-run", expiresAt: at } as const;

/** One view of each state, as the client hands them to the page (checked against the contract's schema). */
export const sampleViews: { [S in AuthView["state"]]: AuthViewOf<S> } = {
  OTP_REQUIRED: {
    state: "OTP_REQUIRED",
    ...step,
    factors: ["otp"],
    maskedEmail: "d*******r@cp001.example.com",
    otpExpiresAt: at,
    resendAvailableAt: at,
    resendsRemaining: 5,
    attemptsRemaining: 5,
  },
  METHOD_CHOICE: { state: "METHOD_CHOICE", ...step, factors: ["otp", "smartcard"] },
  SMARTCARD_REQUIRED: { state: "SMARTCARD_REQUIRED", ...step, factors: ["otp", "smartcard"] },
  PASSWORD_EXPIRED: {
    state: "PASSWORD_EXPIRED",
    ...step,
    message: "Your password has expired.",
    passwordPolicy: { minLength: 10, minClasses: 3, historySize: 5 },
  },
  EMAIL_NOT_REGISTERED: {
    state: "EMAIL_NOT_REGISTERED",
    ...step,
    factors: ["smartcard"],
    message: "No email address is registered for this user ID.",
  },
  METHOD_DECOMMISSIONED: {
    state: "METHOD_DECOMMISSIONED",
    userId: "demo.user",
    phase: "2fa-only",
    message: "Smartcard sign-in was decommissioned.",
  },
  LOCKED_OUT: { state: "LOCKED_OUT", lockedUntil: at, message: "Too many wrong passwords." },
  SUCCESS: { state: "SUCCESS", session },
};
for (const view of Object.values(sampleViews)) authViewSchema.parse(view);
