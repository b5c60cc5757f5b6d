/**
 * The rules of the password policy a PASSWORD_EXPIRED step asks a new password
 * to meet, by name, so each can be stated, checked as the person types, and
 * matched to the server's refusal. Imports nothing, so the page can use it
 * without pulling in the wire schemas.
 */
export const passwordRules = ["length", "classes", "notUserId", "notRecent"] as const;
export type PasswordRule = (typeof passwordRules)[number];

/** The rules the client can check itself; only the server knows the earlier passwords. */
export type LocalPasswordRule = Exclude<PasswordRule, "notRecent">;

export interface PasswordPolicyFigures {
  minLength: number;
  minClasses: number;
  historySize: number;
}

/** Lower-case letters, upper-case letters, digits, symbols: the same classes the server counts. */
const characterClasses = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/];

export function characterClassCount(password: string): number {
  return characterClasses.filter((re) => re.test(password)).length;
}

/** Whether `password` meets each rule the client can check (an empty one meets none). */
export function checkPasswordRules(
  policy: PasswordPolicyFigures,
  userId: string,
  password: string,
): Record<LocalPasswordRule, boolean> {
  const id = userId.trim().toLowerCase();
  return {
    length: password.length >= policy.minLength,
    classes: characterClassCount(password) >= policy.minClasses,
    notUserId: password.length > 0 && (id === "" || !password.toLowerCase().includes(id)),
  };
}

/**
 * The rule a problem in the server's PASSWORD_POLICY answer is about
 * (`details.problems` are sentences such as "at least 10 characters");
 * null for one this client does not recognise, which is then shown as given.
 */
export function ruleOfProblem(problem: string): PasswordRule | null {
  const text = problem.toLowerCase();
  if (/user\s*id/.test(text)) return "notUserId";
  if (/\blast\s+\d+/.test(text) || /history|reuse|previous|recent/.test(text)) return "notRecent";
  if (/\d+\s+of\b/.test(text) || /lower-case|upper-case|classes/.test(text)) return "classes";
  if (/\d+\s+characters|length|too short/.test(text)) return "length";
  return null;
}
