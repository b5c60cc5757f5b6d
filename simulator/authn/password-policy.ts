import { passwordPolicy } from "../../shared/wire/authn.js";

/** Checks a new password's form (history is checked by the caller, which holds the hashes). */
export function passwordPolicyProblems(userId: string, password: string): string[] {
  const problems: string[] = [];
  if (password.length < passwordPolicy.minLength) {
    problems.push(`at least ${passwordPolicy.minLength} characters`);
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < passwordPolicy.minClasses) {
    problems.push("at least 3 of: lower-case letters, upper-case letters, digits, symbols");
  }
  if (password.toLowerCase().includes(userId.trim().toLowerCase())) {
    problems.push("must not contain the user ID");
  }
  return problems;
}
