import { z } from "zod";
import type { AuthView, PasswordPolicyDetails } from "../../../shared/contract/auth.js";
import { assertNever } from "../../../shared/assert-never.js";
import { AppError } from "../../../shared/errors.js";
import { passwordPolicy, type AuthnResponse } from "../../../shared/wire/authn.js";
import { passwordRules } from "../../../shared/wire/password-rules.js";

/** A PASSWORD_POLICY refusal's details; a server that names no rules still has its problems shown. */
const policyRefusalSchema = z.object({
  problems: z.array(z.string()),
  rules: z.array(z.enum(passwordRules)).optional(),
  policy: z.string().optional(),
});

/** The UI's copy of an answer: every field but the tokens, and the policy a password change must meet. */
export function toView(body: AuthnResponse): AuthView {
  switch (body.state) {
    case "OTP_REQUIRED":
    case "METHOD_CHOICE":
    case "SMARTCARD_REQUIRED":
    case "EMAIL_NOT_REGISTERED": {
      const { stateToken: _stateToken, ...view } = body;
      return view;
    }
    case "PASSWORD_EXPIRED": {
      const { stateToken: _stateToken, ...view } = body;
      const { minLength, minClasses, historySize } = passwordPolicy;
      return { ...view, passwordPolicy: { minLength, minClasses, historySize } };
    }
    case "METHOD_DECOMMISSIONED":
    case "LOCKED_OUT":
      return body;
    case "SUCCESS": {
      const { sessionToken: _sessionToken, ...view } = body;
      return view;
    }
    default:
      return assertNever(body);
  }
}

/** The server's policy refusal with each problem beside the rule the server says it is about. */
export function withRules(error: AppError): AppError {
  const parsed = policyRefusalSchema.safeParse(error.details ?? {});
  const problems = parsed.success ? parsed.data.problems : [];
  const details: PasswordPolicyDetails = {
    problems,
    rules: problems.map((_, index) => (parsed.success ? (parsed.data.rules?.[index] ?? null) : null)),
    ...(parsed.success && parsed.data.policy !== undefined ? { policy: parsed.data.policy } : {}),
  };
  return new AppError("PASSWORD_POLICY", error.message, details);
}
