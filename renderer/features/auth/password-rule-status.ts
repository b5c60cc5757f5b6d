import type { PasswordPolicyView } from "../../../shared/contract/auth.js";
import {
  checkPasswordRules,
  passwordRules,
  type LocalPasswordRule,
  type PasswordRule,
} from "../../../shared/wire/password-rules.js";
import type { UiError } from "../../ui/ui-error.js";

/**
 * How a rule stands for the password typed so far: `pending` before anything
 * is typed, `server` for the rule only the server can check (the earlier
 * passwords), `refused` when the server refused the submitted password for it.
 */
export type RuleStatus = "met" | "unmet" | "pending" | "server" | "refused";

/** What the server said of a refused password: the rules it named and the problems it named none for. */
export interface PolicyRefusal {
  rules: PasswordRule[];
  otherProblems: string[];
}

/** Reads a PASSWORD_POLICY error's details; null for any other error. */
export function policyRefusalOf(error: UiError | null): PolicyRefusal | null {
  if (error?.code !== "PASSWORD_POLICY") return null;
  const problems = error.details?.["problems"];
  const rules = error.details?.["rules"];
  const refusal: PolicyRefusal = { rules: [], otherProblems: [] };
  if (!Array.isArray(problems)) return refusal;
  problems.forEach((problem, index) => {
    const rule: unknown = Array.isArray(rules) ? rules[index] : null;
    if (typeof rule === "string" && (passwordRules as readonly string[]).includes(rule)) {
      refusal.rules.push(rule as PasswordRule);
    } else if (typeof problem === "string") {
      refusal.otherProblems.push(problem);
    }
  });
  return refusal;
}

/** Each rule's status, in the order the policy states them. */
export function ruleStatuses(
  policy: PasswordPolicyView,
  userId: string,
  password: string,
  refused: readonly PasswordRule[],
): Record<PasswordRule, RuleStatus> {
  const checks = checkPasswordRules(policy, userId, password);
  const local = (rule: LocalPasswordRule): RuleStatus =>
    refused.includes(rule) ? "refused" : password === "" ? "pending" : checks[rule] ? "met" : "unmet";
  return {
    length: local("length"),
    classes: local("classes"),
    notUserId: local("notUserId"),
    notRecent: refused.includes("notRecent") ? "refused" : "server",
  };
}

/** The rules the client can see are not met yet (in policy order). */
export function unmetRules(
  policy: PasswordPolicyView,
  userId: string,
  password: string,
): LocalPasswordRule[] {
  const checks = checkPasswordRules(policy, userId, password);
  return (["length", "classes", "notUserId"] as const).filter((rule) => !checks[rule]);
}
