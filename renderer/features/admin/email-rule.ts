/** Longest email address the wire protocol accepts (`limits.emailMax`). */
export const emailMax = 254;

/** The address pattern `emailSchema` (zod's `z.email()`) checks. */
const emailPattern =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export type EmailProblem = "missing" | "invalid";

/**
 * What is wrong with an email address as typed, or null when the server's rule
 * (`adminEmailSchema`: trimmed, then `emailSchema`) accepts it; checked without
 * loading zod into the page. A unit test keeps the two in agreement.
 */
export function emailProblem(typed: string): EmailProblem | null {
  const email = typed.trim();
  if (email === "") return "missing";
  return email.length <= emailMax && emailPattern.test(email) ? null : "invalid";
}
