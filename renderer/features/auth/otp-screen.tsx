import { useEffect, useState, type ClipboardEvent, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { limits } from "../../../shared/contract/limits.js";
import { useNav } from "../../app/nav-store.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { Field } from "../../ui/field.js";
import { useFocusOnMount, useFocusWhen } from "../../ui/focus.js";
import { formatDuration, msUntil, useNow } from "../../ui/time.js";
import { useSettings } from "../settings/settings-store.js";
import OtpFallback from "../smartcard/otp-fallback.js";
import { useAuth } from "./auth-store.js";
import { codeErrors, digitsOf } from "./otp-digits.js";
import { viewAt } from "./routing.js";

export function OtpScreen() {
  const { t } = useTranslation();
  const view = useAuth((s) => viewAt(s.view, "OTP_REQUIRED"));
  const pending = useAuth((s) => s.pending);
  const error = useAuth((s) => s.error);
  const resent = useAuth((s) => s.resent);
  const verifyOtp = useAuth((s) => s.verifyOtp);
  const resend = useAuth((s) => s.resend);
  const back = useAuth((s) => s.back);
  const simulated = useSettings((s) => s.info?.server.simulated ?? false);
  const offset = useSettings((s) => s.clockOffsetMs);
  const go = useNav((s) => s.go);
  const now = useNow(offset);

  const [code, setCode] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const codeRef = useFocusOnMount<HTMLInputElement>();
  useEffect(() => {
    if (error && codeErrors.has(error.code)) codeRef.current?.focus();
  }, [error, codeRef]);
  const alertRef = useFocusWhen<HTMLDivElement>(error && !codeErrors.has(error.code) ? error : null);

  const expiresIn = msUntil(view?.otpExpiresAt, now);
  const resendIn = msUntil(view?.resendAvailableAt, now);
  const expired = expiresIn !== null && expiresIn <= 0;
  const coolingDown = resendIn !== null && resendIn > 0;
  const noResendsLeft = view?.resendsRemaining === 0;
  const attemptsLeft = error?.details?.["attemptsRemaining"] ?? view?.attemptsRemaining;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    if (code.length !== limits.otpLength) {
      setProblem(t("otp.codeInvalid"));
      codeRef.current?.focus();
      return;
    }
    setProblem(null);
    void verifyOtp(code).then(() => setCode(""));
  };

  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const pasted = digitsOf(event.clipboardData.getData("text"));
    if (!pasted) return;
    event.preventDefault();
    setCode(pasted);
  };

  return (
    <section className="card otp" aria-labelledby="otp-title">
      <h1 id="otp-title">{t("otp.title")}</h1>
      <p className="intro">
        {view?.maskedEmail ? t("otp.sentTo", { email: view.maskedEmail }) : t("otp.sentToUnknown")}
      </p>
      {resent ? (
        <p className="notice" role="status">
          {t("otp.resent")}
        </p>
      ) : null}
      <ErrorAlert id="otp-error" ref={alertRef} error={error} />
      <form onSubmit={onSubmit} noValidate aria-busy={pending === "otp"}>
        <Field
          id="otp"
          label={t("otp.code")}
          hint={t("otp.codeHint")}
          inputRef={codeRef}
          className="otp-input"
          value={code}
          onChange={(e) => setCode(digitsOf(e.target.value))}
          onPaste={onPaste}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={limits.otpLength}
          spellCheck={false}
          problem={problem}
          invalidBy={error && codeErrors.has(error.code) ? "otp-error" : null}
        />
        <p className={expired ? "timer timer-expired" : "timer"} role="timer" aria-live="off">
          {expiresIn === null
            ? null
            : expired
              ? t("otp.expired")
              : t("otp.expiresIn", { time: formatDuration(expiresIn) })}
        </p>
        {typeof attemptsLeft === "number" && error?.code === "INVALID_OTP" ? (
          <p className="hint">{t("otp.attemptsLeft", { count: attemptsLeft })}</p>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={pending === "otp"}>
            {pending === "otp" ? t("otp.submitting") : t("otp.submit")}
          </button>
          <button
            type="button"
            className="secondary"
            id="resend"
            disabled={coolingDown || noResendsLeft || pending !== null}
            onClick={() => void resend()}
          >
            {pending === "resend"
              ? t("otp.resending")
              : coolingDown
                ? t("otp.resendIn", { time: formatDuration(resendIn) })
                : t("otp.resend")}
          </button>
          <button type="button" className="secondary" disabled={pending !== null} onClick={() => void back()}>
            {t("otp.back")}
          </button>
        </div>
        {typeof view?.resendsRemaining === "number" ? (
          <p className="hint">{t("otp.resendsLeft", { count: view.resendsRemaining })}</p>
        ) : null}
      </form>
      <div className="secondary-actions">
        {simulated ? (
          <button type="button" className="link" onClick={() => go("mailbox")}>
            {t("otp.mailbox")}
          </button>
        ) : null}
        <OtpFallback />
      </div>
    </section>
  );
}
