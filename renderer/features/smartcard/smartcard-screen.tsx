import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../i18n/error-text.js";
import { useFocusOnMount, useFocusWhen } from "../../ui/focus.js";
import { useAuth } from "../auth/auth-store.js";
import { factorsOf } from "../auth/routing.js";
import { PinForm } from "./pin-form.js";
import { PracticeCardPanel } from "./practice-card-panel.js";
import { ReaderPicker } from "./reader-picker.js";
import { SimulatedReaderPanel } from "./simulated-reader-panel.js";
import { useSmartcard } from "./smartcard-store.js";

/** SMARTCARD_REQUIRED: choose the reader, enter the card PIN, let the card sign. */
export default function SmartcardScreen() {
  const { t } = useTranslation();
  const follow = useSmartcard((s) => s.follow);
  const error = useSmartcard((s) => s.error);
  const factors = useAuth((s) => factorsOf(s.view));
  const authPending = useAuth((s) => s.pending);
  const authError = useAuth((s) => s.error);
  const chooseFactor = useAuth((s) => s.chooseFactor);
  const back = useAuth((s) => s.back);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const shown = error ?? authError;
  const alertRef = useFocusWhen<HTMLDivElement>(shown && shown.code !== "WRONG_PIN" ? shown : null);

  useEffect(() => follow(), [follow]);

  const tries = error?.code === "WRONG_PIN" ? error.details?.["triesLeft"] : undefined;
  const message = !shown
    ? null
    : typeof tries === "number"
      ? t("smartcard.wrongPin", { count: tries })
      : errorText(t, shown);

  return (
    <section className="card smartcard" aria-labelledby="smartcard-title">
      <h1 id="smartcard-title" ref={headingRef} tabIndex={-1}>
        {t("smartcard.title")}
      </h1>
      <p className="intro">{t("smartcard.intro")}</p>
      <div
        id="smartcard-error"
        ref={alertRef}
        role="alert"
        tabIndex={-1}
        className={shown ? "alert alert-error" : "alert-empty"}
        data-code={shown?.code}
      >
        {message}
      </div>
      <PracticeCardPanel />
      <ReaderPicker />
      <PinForm />
      <SimulatedReaderPanel />
      <div className="secondary-actions">
        {factors.includes("otp") ? (
          <button
            type="button"
            className="link"
            disabled={authPending !== null}
            onClick={() => void chooseFactor("otp")}
          >
            {t("smartcard.useOtp")}
          </button>
        ) : null}
        <button type="button" className="link" disabled={authPending !== null} onClick={() => void back()}>
          {t("common.backToSignIn")}
        </button>
      </div>
    </section>
  );
}
