import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { PasswordPolicyView } from "../../../shared/contract/auth.js";
import { limits } from "../../../shared/contract/limits.js";
import { passwordRules, type PasswordRule } from "../../../shared/wire/password-rules.js";
import { errorText } from "../../i18n/error-text.js";
import { Field } from "../../ui/field.js";
import { useFocusOnMount, useFocusWhen } from "../../ui/focus.js";
import { useAuth } from "./auth-store.js";
import { viewAt } from "./routing.js";
import { policyRefusalOf, ruleStatuses, unmetRules, type RuleStatus } from "./password-rule-status.js";

const statusMark: Record<RuleStatus, string> = {
  met: "✓",
  unmet: "✗",
  pending: "•",
  server: "•",
  refused: "✗",
};

/**
 * PASSWORD_EXPIRED: the person sets a new password, with the policy stated
 * before they type and each rule marked as they do, then goes on to the OTP.
 */
export function ChangePasswordScreen() {
  const { t } = useTranslation();
  const view = useAuth((s) => viewAt(s.view, "PASSWORD_EXPIRED"));
  const typedUserId = useAuth((s) => s.userId);
  const pending = useAuth((s) => s.pending);
  const error = useAuth((s) => s.error);
  const changePassword = useAuth((s) => s.changePassword);
  const back = useAuth((s) => s.back);

  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [passwordProblem, setPasswordProblem] = useState<string | null>(null);
  const [confirmProblem, setConfirmProblem] = useState<string | null>(null);
  /** The password the server last refused: its refusal marks the rules only while it is still the one typed. */
  const [submitted, setSubmitted] = useState<string | null>(null);
  const passwordRef = useFocusOnMount<HTMLInputElement>();
  const confirmRef = useRef<HTMLInputElement | null>(null);

  const userId = view?.userId ?? typedUserId;
  const policy: PasswordPolicyView | null = view?.passwordPolicy ?? null;
  const refusal = policyRefusalOf(error);
  const refusedRules = refusal && submitted === password ? refusal.rules : [];
  const statuses = policy ? ruleStatuses(policy, userId, password, refusedRules) : null;

  // A refused password sends focus back to its field; any other failure to the alert.
  useEffect(() => {
    if (error?.code === "PASSWORD_POLICY") passwordRef.current?.focus();
  }, [error, passwordRef]);
  const alertRef = useFocusWhen<HTMLDivElement>(error && error.code !== "PASSWORD_POLICY" ? error : null);

  const ruleText = (rule: PasswordRule, figures: PasswordPolicyView): string => {
    switch (rule) {
      case "length":
        return t("changePassword.rules.length", { count: figures.minLength });
      case "classes":
        return t("changePassword.rules.classes", { count: figures.minClasses });
      case "notUserId":
        return t("changePassword.rules.notUserId");
      case "notRecent":
        return t("changePassword.rules.notRecent", { count: figures.historySize });
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    let newProblem: string | null = null;
    let againProblem: string | null = null;
    if (password === "") {
      newProblem = t("changePassword.newRequired");
    } else if (policy) {
      const unmet = unmetRules(policy, userId, password);
      if (unmet.length > 0) {
        const rules = unmet.map((rule) => ruleText(rule, policy)).join(t("changePassword.listSeparator"));
        newProblem = t("changePassword.notMet", { rules });
      }
    }
    if (confirm === "") againProblem = t("changePassword.confirmRequired");
    else if (confirm !== password) againProblem = t("changePassword.mismatch");
    setPasswordProblem(newProblem);
    setConfirmProblem(againProblem);
    if (newProblem) {
      passwordRef.current?.focus();
      return;
    }
    if (againProblem) {
      confirmRef.current?.focus();
      return;
    }
    setSubmitted(password);
    void changePassword(password);
  };

  const busy = pending === "changePassword";
  return (
    <section className="card change-password" aria-labelledby="change-password-title">
      <h1 id="change-password-title">{t("changePassword.title")}</h1>
      <p className="intro">
        {userId ? t("changePassword.intro", { userId }) : t("changePassword.introNoUser")}
      </p>
      <div
        id="change-password-error"
        ref={alertRef}
        role="alert"
        tabIndex={-1}
        className={error ? "alert alert-error" : "alert-empty"}
      >
        {error ? errorText(t, error) : null}
        {refusal && policy && refusal.rules.length > 0 ? (
          <>
            <p>{t("changePassword.refusedLead")}</p>
            <ul className="refused-rules">
              {refusal.rules.map((rule) => (
                <li key={rule}>{ruleText(rule, policy)}</li>
              ))}
            </ul>
          </>
        ) : null}
        {refusal && refusal.otherProblems.length > 0 ? (
          <>
            <p>{t("changePassword.serverProblems")}</p>
            <ul className="refused-rules">
              {refusal.otherProblems.map((problem) => (
                <li key={problem} lang="en">
                  {problem}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
      {policy && statuses ? (
        <div className="policy">
          <h2 id="policy-title">{t("changePassword.policyTitle")}</h2>
          <p id="policy-intro" className="hint">
            {t("changePassword.policyIntro")}
          </p>
          <ul id="policy-rules" className="policy-rules">
            {passwordRules.map((rule) => (
              <li
                key={rule}
                data-rule={rule}
                data-status={statuses[rule]}
                className={`rule rule-${statuses[rule]}`}
              >
                <span className="rule-mark" aria-hidden="true">
                  {statusMark[statuses[rule]]}
                </span>
                <span>{ruleText(rule, policy)}</span>
                <span className="rule-status">{t(`changePassword.status.${statuses[rule]}`)}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form onSubmit={onSubmit} noValidate aria-busy={busy}>
        <Field
          id="new-password"
          label={t("changePassword.newPassword")}
          hint={policy ? t("changePassword.newPasswordHint") : undefined}
          inputRef={passwordRef}
          type="password"
          autoComplete="new-password"
          maxLength={limits.passwordMax}
          required
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
            setPasswordProblem(null);
          }}
          problem={passwordProblem}
          invalidBy={refusal && submitted === password ? "change-password-error" : null}
          aria-details={policy ? "policy-rules" : undefined}
        />
        <Field
          id="confirm-password"
          label={t("changePassword.confirm")}
          inputRef={confirmRef}
          type="password"
          autoComplete="new-password"
          maxLength={limits.passwordMax}
          required
          value={confirm}
          onChange={(e) => {
            setConfirm(e.target.value);
            setConfirmProblem(null);
          }}
          problem={confirmProblem}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t("changePassword.submitting") : t("changePassword.submit")}
          </button>
          <button type="button" className="secondary" disabled={pending !== null} onClick={() => void back()}>
            {t("common.backToSignIn")}
          </button>
        </div>
      </form>
    </section>
  );
}
