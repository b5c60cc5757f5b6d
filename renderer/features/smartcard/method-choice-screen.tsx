import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../ui/error-alert.js";
import { useFocusOnMount, useFocusWhen } from "../../ui/focus.js";
import { useAuth } from "../auth/auth-store.js";
import { factorsOf } from "../auth/routing.js";

/** METHOD_CHOICE: 2FA first and recommended; the smartcard only where the server lists it. */
export default function MethodChoiceScreen() {
  const { t } = useTranslation();
  const pending = useAuth((s) => s.pending);
  const error = useAuth((s) => s.error);
  const chooseFactor = useAuth((s) => s.chooseFactor);
  const back = useAuth((s) => s.back);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const alertRef = useFocusWhen<HTMLDivElement>(error);
  const factors = useAuth((s) => factorsOf(s.view));

  return (
    <section className="card method-choice" aria-labelledby="choice-title">
      <h1 id="choice-title" ref={headingRef} tabIndex={-1}>
        {t("smartcard.choiceTitle")}
      </h1>
      <p className="intro">{t("smartcard.choiceIntro")}</p>
      <ErrorAlert id="choice-error" ref={alertRef} error={error} />
      <div className="secondary-actions" aria-busy={pending === "factor"}>
        {factors.includes("otp") ? (
          <div>
            <button
              type="button"
              className="primary"
              disabled={pending !== null}
              aria-describedby="choice-otp-hint"
              onClick={() => void chooseFactor("otp")}
            >
              {t("smartcard.choiceOtp")}
            </button>
            <p id="choice-otp-hint" className="hint">
              {t("smartcard.choiceOtpHint")}
            </p>
          </div>
        ) : null}
        {factors.includes("smartcard") ? (
          <div>
            <button
              type="button"
              className="secondary"
              disabled={pending !== null}
              aria-describedby="choice-card-hint"
              onClick={() => void chooseFactor("smartcard")}
            >
              {t("smartcard.choiceCard")}
            </button>
            <p id="choice-card-hint" className="hint">
              {t("smartcard.choiceCardHint")}
            </p>
          </div>
        ) : null}
        <button type="button" className="link" disabled={pending !== null} onClick={() => void back()}>
          {t("common.backToSignIn")}
        </button>
      </div>
    </section>
  );
}
