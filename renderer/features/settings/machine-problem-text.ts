import type { TFunction } from "i18next";
import type { MachineIssue, MachineProblem } from "../../../shared/contract/app.js";

/** What is wrong with IT's defaults file, in the page's language (paths and key names as they are in the file). */
export function machineProblemText(t: TFunction, problem: MachineProblem): string {
  if (problem.reason !== "invalid") return t(`machine.reason.${problem.reason}`);
  return problem.issues
    .map((issue) => {
      const what = issueText(t, issue);
      return issue.path ? t("machine.issue.at", { path: issue.path, what }) : what;
    })
    .join(t("machine.issue.separator"));
}

function issueText(t: TFunction, issue: MachineIssue): string {
  switch (issue.kind) {
    case "unknown-keys":
      return t("machine.issue.unknownKeys", { names: issue.names.join(", ") });
    case "lock-without-value":
      return t("machine.issue.lockWithoutValue", { name: issue.names[0] ?? "" });
    case "wrong-type":
      return t(issue.path ? "machine.issue.wrongType" : "machine.issue.wrongTypeFile");
    case "not-allowed":
      return t("machine.issue.notAllowed");
  }
}
