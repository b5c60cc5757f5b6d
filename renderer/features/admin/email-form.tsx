import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { emailProblem, limits, type EmailProblem } from "../../../shared/contract/limits.js";
import type { AdminUser } from "../../../shared/wire/admin.js";
import { formatDate } from "../../ui/dates.js";
import { Field } from "../../ui/field.js";
import { useFocusOnMount } from "../../ui/focus.js";
import { adminErrorText } from "./admin-error-text.js";
import { useAdmin } from "./admin-store.js";

interface Props {
  user: AdminUser;
  /** Told once the form has closed (saved or cancelled), so focus can go back to where it came from. */
  onClosed: (userId: string) => void;
}

const problemKey: Record<EmailProblem, string> = {
  missing: "admin.form.emailMissing",
  invalid: "admin.form.emailInvalid",
};

/** Registers or changes one user's email address: checked as typed, then sent on Enter or Save. */
export function EmailForm({ user, onClosed }: Props) {
  const { t, i18n } = useTranslation();
  const saving = useAdmin((s) => s.saving);
  const formError = useAdmin((s) => s.formError);
  const saveEmail = useAdmin((s) => s.saveEmail);
  const edit = useAdmin((s) => s.edit);
  const [email, setEmail] = useState("");
  const [problem, setProblem] = useState<EmailProblem | null>(null);
  const inputRef = useFocusOnMount<HTMLInputElement>();
  const id = useId();
  const alertId = `${id}-alert`;
  const da = user.role === "da";
  const titleKey = da
    ? "admin.form.applyTitle"
    : user.emailRegistered
      ? "admin.form.changeTitle"
      : "admin.form.registerTitle";

  const cancel = () => {
    if (saving) return;
    edit(null);
    onClosed(user.userId);
  };

  return (
    <section className="admin-form" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t(titleKey, { name: user.displayName, userId: user.userId })}</h2>
      {user.maskedEmail ? (
        <p className="hint">{t("admin.form.current", { maskedEmail: user.maskedEmail })}</p>
      ) : null}
      {user.emailApplication ? (
        <p className="hint">
          {t("admin.form.pending", {
            maskedEmail: user.emailApplication.maskedEmail,
            due: formatDate(user.emailApplication.dueAt, i18n.language),
          })}
        </p>
      ) : null}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const found = emailProblem(email);
          setProblem(found);
          if (found) {
            inputRef.current?.focus();
            return;
          }
          void saveEmail(email.trim()).then((saved) => {
            if (saved) onClosed(user.userId);
            else inputRef.current?.focus();
          });
        }}
        onKeyDown={(event) => {
          if (event.key === "Escape") cancel();
        }}
      >
        <Field
          id={`${id}-email`}
          label={t("admin.form.email")}
          hint={t(da ? "admin.form.applyHint" : "admin.form.hint")}
          type="email"
          inputMode="email"
          autoComplete="off"
          spellCheck={false}
          maxLength={limits.emailMax}
          value={email}
          onChange={(event) => {
            setEmail(event.target.value);
            if (problem) setProblem(null);
          }}
          problem={problem ? t(problemKey[problem]) : null}
          invalidBy={formError ? alertId : null}
          inputRef={inputRef}
          readOnly={saving}
        />
        <div id={alertId} role="alert" className={formError ? "alert alert-error" : "alert-empty"}>
          {formError ? adminErrorText(t, formError, i18n.language) : null}
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={saving}>
            {saving ? t("admin.form.saving") : t(da ? "admin.form.applySave" : "admin.form.save")}
          </button>
          <button type="button" className="secondary" disabled={saving} onClick={cancel}>
            {t("admin.form.cancel")}
          </button>
        </div>
      </form>
    </section>
  );
}
