import { passwordPolicy } from "../../../shared/wire/authn.js";
import { checkPasswordRules, type PasswordRule } from "../../../shared/wire/password-rules.js";

export interface PolicyProblem {
  rule: PasswordRule;
  problem: string;
}

const sentences: Record<PasswordRule, string> = {
  length: `at least ${passwordPolicy.minLength} characters`,
  classes: "at least 3 of: lower-case letters, upper-case letters, digits, symbols",
  notUserId: "must not contain the user ID",
  notRecent: `not one of the last ${passwordPolicy.historySize} passwords`,
};

export const problemOf = (rule: PasswordRule): PolicyProblem => ({ rule, problem: sentences[rule] });

/**
 * Checks a new password's form with the same rules the client states (history is checked by the caller,
 * which holds the hashes).
 */
export function passwordPolicyProblems(userId: string, password: string): PolicyProblem[] {
  const met = checkPasswordRules(passwordPolicy, userId, password);
  // An empty password contains no user ID; it fails on length and classes alone.
  if (password === "") met.notUserId = true;
  return (Object.keys(met) as (keyof typeof met)[]).filter((rule) => !met[rule]).map(problemOf);
}
