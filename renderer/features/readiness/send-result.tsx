import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { CheckRun } from "../../../shared/contract/connectivity.js";
import { limits } from "../../../shared/contract/limits.js";
import { ccms } from "../../bridge/index.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { Field } from "../../ui/field.js";
import { toUiError, type UiError } from "../../ui/ui-error.js";
import { isPcName, pcNameFrom } from "./pc-name.js";
import "./readiness.css";

/**
 * After a check, while a user of the participant is signed in: sends its result to the participant's
 * readiness board, under a PC name (this computer's host name to start with).
 */
export function SendResult({ run }: { run: CheckRun }) {
  const { t } = useTranslation();
  const id = useId();
  const [pcName, setPcName] = useState(() => pcNameFrom(run.origin.machine));
  const [problem, setProblem] = useState(false);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<UiError | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    if (!isPcName(pcName)) {
      setProblem(true);
      document.getElementById(`${id}-pc`)?.focus();
      return;
    }
    setProblem(false);
    setSending(true);
    setError(null);
    setSent(null);
    try {
      const { result } = await (
        await ccms()
      ).readiness.sendResult({ runId: run.runId, pcName: pcName.trim() });
      setSent(result.pcName);
    } catch (failure) {
      setError(toUiError(failure));
    } finally {
      setSending(false);
    }
  };

  return (
    <form
      className="send-result"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => void onSubmit(event)}
      noValidate
    >
      <h3 id={`${id}-title`}>{t("readiness.send.title")}</h3>
      <Field
        id={`${id}-pc`}
        label={t("readiness.send.pcName")}
        hint={t("readiness.send.pcNameHint")}
        value={pcName}
        maxLength={limits.pcNameMax}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => setPcName(event.target.value)}
        problem={problem ? t("readiness.pcNameInvalid") : null}
      />
      <button type="submit" className="secondary" disabled={sending}>
        {sending ? t("readiness.send.sending") : t("readiness.send.submit")}
      </button>
      <p role="status" className={sent ? "notice" : "alert-empty"}>
        {sent ? t("readiness.send.sent", { pcName: sent }) : null}
      </p>
      <ErrorAlert error={error} />
    </form>
  );
}
