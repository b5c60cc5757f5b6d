import { normalizeUserId } from "../user-id.js";

/**
 * The rules of the password policy a PASSWORD_EXPIRED step asks a new password
 * to meet, by name, so each can be stated, checked as the person types, and
 * named in the server's refusal. Imports no schema library, so the page can
 * use it without pulling in the wire schemas.
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

function characterClassCount(password: string): number {
  return characterClasses.filter((re) => re.test(password)).length;
}

/** Whether `password` meets each rule the client can check (an empty one meets none). */
export function checkPasswordRules(
  policy: PasswordPolicyFigures,
  userId: string,
  password: string,
): Record<LocalPasswordRule, boolean> {
  const id = normalizeUserId(userId);
  return {
    length: password.length >= policy.minLength,
    classes: characterClassCount(password) >= policy.minClasses,
    notUserId: password.length > 0 && (id === "" || !password.toLowerCase().includes(id)),
  };
}
