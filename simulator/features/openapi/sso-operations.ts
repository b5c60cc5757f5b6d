import { errorBodySchema } from "../../../shared/error-schemas.js";
import {
  ADMIN_PREFIX,
  adminUserParamsSchema,
  adminUsersResponseSchema,
  lockResponseSchema,
  setEmailRequestSchema,
  setEmailResponseSchema,
  unlockResponseSchema,
} from "../../../shared/wire/admin.js";
import {
  API_PREFIX,
  authnRequestSchema,
  authnResponseSchema,
  factorChoiceRequestSchema,
  otpVerifyRequestSchema,
  passwordChangeRequestSchema,
  sessionResponseSchema,
  stateTokenRequestSchema,
} from "../../../shared/wire/authn.js";
import { SIMULATOR_STATUS_PATH, simStatusSchema } from "../../../shared/wire/control.js";
import {
  REAUTHENTICATE_PATH,
  recentSignInsSchema,
  reauthenticateRequestSchema,
  reauthenticateResponseSchema,
  SESSION_STATUS_PATH,
  sessionStatusResponseSchema,
  SIGN_INS_PATH,
} from "../../../shared/wire/session.js";
import {
  SMARTCARD_CHALLENGE_PATH,
  SMARTCARD_VERIFY_PATH,
  smartcardChallengeRequestSchema,
  smartcardChallengeResponseSchema,
  smartcardVerifyRequestSchema,
} from "../../../shared/wire/smartcard.js";
import { type DocumentedResponse, type Operation } from "./operation.js";

const refused: Record<string, DocumentedResponse> = {
  "4XX": {
    description: "Refused; `error.code` says why (see the operation's description).",
    schema: errorBodySchema,
  },
  "5XX": {
    description:
      "The server could not answer (`OTP_DELIVERY_FAILED`, an injected `SERVER_ERROR`, `INTERNAL`).",
    schema: errorBodySchema,
  },
};

/** 401 SESSION_EXPIRED says in `details.reason` why the session ended. */
const ended =
  "401 `SESSION_EXPIRED` with `details.reason` (`idle`, `absolute` with `details.limitMinutes`, `signed-out`, " +
  "`signed-out-elsewhere`, `account-locked`, `simulator-reset`) or `UNAUTHORIZED`.";

const step = (description: string): Record<string, DocumentedResponse> => ({
  "200": { description, schema: authnResponseSchema },
  ...refused,
});

const authn = `${API_PREFIX}/authn`;

/** The 2FA/SSO protocol under /sso/api/v1, the simulator's public status, and the SSO login page. */
export const ssoOperations: Operation[] = [
  {
    method: "post",
    path: authn,
    operationId: "beginSignIn",
    tag: "sign-in",
    summary: "Start a sign-in with user ID and password",
    description:
      "Answers the first step: `OTP_REQUIRED` (a code was mailed), `METHOD_CHOICE`, `SMARTCARD_REQUIRED`, " +
      "`PASSWORD_EXPIRED`, `EMAIL_NOT_REGISTERED` or `LOCKED_OUT`. 401 `INVALID_CREDENTIALS` for a wrong " +
      "password and for an unknown user alike.",
    access: "public",
    body: authnRequestSchema,
    responses: step("The sign-in's next step."),
  },
  {
    method: "post",
    path: `${authn}/otp/verify`,
    operationId: "verifyOtp",
    tag: "sign-in",
    summary: "Verify the one-time password",
    description:
      "401 `INVALID_OTP` (`details.attemptsRemaining`), `TOO_MANY_ATTEMPTS`, `OTP_EXPIRED`; 409 `WRONG_STATE`.",
    access: "public",
    body: otpVerifyRequestSchema,
    responses: step("`SUCCESS` with the session and its token."),
  },
  {
    method: "post",
    path: `${authn}/otp/resend`,
    operationId: "resendOtp",
    tag: "sign-in",
    summary: "Send a new one-time password (the earlier one stops working)",
    description: "429 `RESEND_COOLDOWN` (`details.retryAt`, `Retry-After`) or `RESEND_LIMIT`.",
    access: "public",
    body: stateTokenRequestSchema,
    responses: step("`OTP_REQUIRED` with the new code's figures."),
  },
  {
    method: "post",
    path: `${authn}/factor`,
    operationId: "chooseFactor",
    tag: "sign-in",
    summary: "Choose the second factor (parallel run)",
    description: "403 `METHOD_NOT_ALLOWED_FOR_USER` for a factor the user does not have.",
    access: "public",
    body: factorChoiceRequestSchema,
    responses: step("`OTP_REQUIRED`, `SMARTCARD_REQUIRED` or `METHOD_DECOMMISSIONED`."),
  },
  {
    method: "post",
    path: `${authn}/password/change`,
    operationId: "changeExpiredPassword",
    tag: "sign-in",
    summary: "Replace an expired password",
    description: "400 `PASSWORD_POLICY` with `details.problems` and `details.rules`.",
    access: "public",
    body: passwordChangeRequestSchema,
    responses: step("The sign-in's next step."),
  },
  {
    method: "post",
    path: `${API_PREFIX}${SMARTCARD_CHALLENGE_PATH}`,
    operationId: "smartcardChallenge",
    tag: "sign-in",
    summary: "Get a challenge for the smartcard to sign",
    access: "public",
    body: smartcardChallengeRequestSchema,
    responses: {
      "200": {
        description: "32 random bytes bound to this sign-in, valid 120 s, single use.",
        schema: smartcardChallengeResponseSchema,
      },
      ...refused,
    },
  },
  {
    method: "post",
    path: `${API_PREFIX}${SMARTCARD_VERIFY_PATH}`,
    operationId: "smartcardVerify",
    tag: "sign-in",
    summary: "Complete the sign-in with the card's certificate and signature",
    description:
      "401 `SIGNATURE_INVALID`, `CERT_UNTRUSTED`, `CERT_EXPIRED`, `CERT_NOT_FOR_USER`; 403 `METHOD_DECOMMISSIONED`.",
    access: "public",
    body: smartcardVerifyRequestSchema,
    responses: step("`SUCCESS` with the session and its token."),
  },
  {
    method: "post",
    path: `${authn}/cancel`,
    operationId: "cancelSignIn",
    tag: "sign-in",
    summary: "Abandon a sign-in in progress",
    access: "public",
    body: stateTokenRequestSchema,
    responses: { "204": { description: "Cancelled." }, ...refused },
  },
  {
    method: "get",
    path: `${API_PREFIX}/session`,
    operationId: "getSession",
    tag: "session",
    summary: "The signed-in session (extends its idle time)",
    description: ended,
    access: "session",
    responses: { "200": { description: "The session.", schema: sessionResponseSchema }, ...refused },
  },
  {
    method: "get",
    path: SESSION_STATUS_PATH,
    operationId: "getSessionStatus",
    tag: "session",
    summary: "The session's state and the server's clock, without extending its idle time",
    description: `What a terminal polls to warn before the idle or absolute limit. ${ended}`,
    access: "session",
    responses: {
      "200": { description: "The session and the server's time.", schema: sessionStatusResponseSchema },
      ...refused,
    },
  },
  {
    method: "post",
    path: REAUTHENTICATE_PATH,
    operationId: "reauthenticate",
    tag: "session",
    summary: "The signed-in user's password again, to unlock a locked terminal",
    description:
      "401 `INVALID_CREDENTIALS` (`details.attemptsRemaining`): a wrong password counts towards the lockout like " +
      "any other, and the lockout ends the session (`SESSION_EXPIRED`, reason `account-locked`).",
    access: "session",
    body: reauthenticateRequestSchema,
    responses: {
      "200": { description: "The session, its idle time refreshed.", schema: reauthenticateResponseSchema },
      ...refused,
    },
  },
  {
    method: "get",
    path: SIGN_INS_PATH,
    operationId: "recentSignIns",
    tag: "session",
    summary: "The user's sign-in before this session and the failed attempts since, from the audit log",
    access: "session",
    responses: {
      "200": { description: "The previous sign-in and the failures since.", schema: recentSignInsSchema },
      ...refused,
    },
  },
  {
    method: "delete",
    path: `${API_PREFIX}/session`,
    operationId: "signOut",
    tag: "session",
    summary: "Sign out: revoke the session",
    access: "session",
    responses: { "204": { description: "Revoked." }, ...refused },
  },
  {
    method: "get",
    path: `${ADMIN_PREFIX}/users`,
    operationId: "listParticipantUsers",
    tag: "administration",
    summary: "A Delegated Administrator's users (own participant only)",
    description: "403 `FORBIDDEN` for a user who is not a DA.",
    access: "session",
    responses: {
      "200": { description: "The participant and its users.", schema: adminUsersResponseSchema },
      ...refused,
    },
  },
  {
    method: "put",
    path: `${ADMIN_PREFIX}/users/{userId}/email`,
    operationId: "registerEmail",
    tag: "administration",
    summary: "Register or change a user's email address for 2FA",
    description:
      "The user is told at the old and the new address. 403 `REGISTRATION_CLOSED` before the window opens " +
      "(users 19 Dec 2022, DAs 20 Mar 2023, simulated clock); 403 for another participant's user.",
    access: "session",
    params: adminUserParamsSchema,
    body: setEmailRequestSchema,
    responses: {
      "200": { description: "The user as now registered.", schema: setEmailResponseSchema },
      ...refused,
    },
  },
  {
    method: "post",
    path: `${ADMIN_PREFIX}/users/{userId}/unlock`,
    operationId: "unlockParticipantUser",
    tag: "administration",
    summary: "Unlock a user locked out by wrong passwords",
    access: "session",
    params: adminUserParamsSchema,
    responses: {
      "200": { description: "The user, and whether it was locked.", schema: unlockResponseSchema },
      ...refused,
    },
  },
  {
    method: "post",
    path: `${ADMIN_PREFIX}/users/{userId}/lock`,
    operationId: "lockParticipantUser",
    tag: "administration",
    summary: "Lock a user's account until a DA unlocks it; the user's sessions end",
    description:
      "`lockedUntil` reads 9999-12-31T23:59:59.000Z while the lock lasts. 403 for another participant's user, " +
      "and for the DA's own account.",
    access: "session",
    params: adminUserParamsSchema,
    responses: {
      "200": {
        description: "The user, whether it was locked already, and how many sessions ended.",
        schema: lockResponseSchema,
      },
      ...refused,
    },
  },
  {
    method: "get",
    path: SIMULATOR_STATUS_PATH,
    operationId: "simulatorStatus",
    tag: "simulator",
    summary: "The simulated phase and date (the simulator's own extension; a real server answers 404)",
    access: "public",
    responses: { "200": { description: "Phase and simulated time.", schema: simStatusSchema }, ...refused },
  },
  {
    method: "get",
    path: "/sso",
    operationId: "loginPage",
    tag: "login-page",
    summary: "The SSO login page (also at /sso/)",
    description: 'HTML titled "HKEX CCMS Single Sign-On – Sign in", which the connectivity check looks for.',
    access: "public",
    responses: {
      "200": { description: "The page.", contentType: "text/html", text: true },
      ...refused,
    },
  },
  {
    method: "get",
    path: "/sso/assets/login.js",
    operationId: "loginPageScript",
    tag: "login-page",
    summary: "The login page's script",
    access: "public",
    responses: {
      "200": { description: "The script.", contentType: "text/javascript", text: true },
      ...refused,
    },
  },
];
