import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../ui/dates.js";
import { useFocusOnMount } from "../../ui/focus.js";
import OtpFallback from "../smartcard/otp-fallback.js";
import { useAuth } from "./auth-store.js";
import { outcomeOf } from "./routing.js";

/** Where a login ends without a session: what happened and what to do about it. */
export function OutcomeScreen() {
  const { t, i18n } = useTranslation();
  const view = useAuth((s) => s.view);
  const back = useAuth((s) => s.back);
  const pending = useAuth((s) => s.pending);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const outcome = outcomeOf(view);
  const state = outcome.kind;
  const lockedUntil = outcome.lockedUntil ? formatDateTime(outcome.lockedUntil, i18n.language) : null;

  return (
    <section className="card outcome" aria-labelledby="outcome-title">
      <h1 id="outcome-title" ref={headingRef} tabIndex={-1}>
        {t(`outcome.${state}.title`)}
      </h1>
      <div role="alert" className="alert alert-warning">
        <p>{t(`outcome.${state}.body`)}</p>
        {lockedUntil ? <p>{t("outcome.lockedUntil", { time: lockedUntil })}</p> : null}
      </div>
      {outcome.message ? <ServerWords message={outcome.message} /> : null}
      <div className="actions">
        <button type="button" className="primary" disabled={pending !== null} onClick={() => void back()}>
          {t("common.backToSignIn")}
        </button>
        <OtpFallback />
      </div>
    </section>
  );
}

/**
 * What the 2FA server itself said (its own English, which the app cannot translate): a line in an
 * English screen; folded away in another language, so the screen speaks that language only.
 */
function ServerWords({ message }: { message: string }) {
  const { t, i18n } = useTranslation();
  if (i18n.language === "en") return <p className="hint">{t("outcome.serverSays", { message })}</p>;
  return (
    <details className="hint server-words">
      <summary>{t("outcome.serverWords")}</summary>
      <p lang="en">{message}</p>
    </details>
  );
}
