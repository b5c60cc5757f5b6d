import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDuration, useNow } from "../../ui/time.js";
import { useAuth } from "../auth/auth-store.js";
import { useLock } from "./lock-store.js";
import { sessionEndOf } from "./session-end.js";
import { useSession } from "./session-store.js";
import "./session.css";

/**
 * Shortly before the server's idle or absolute limit (two minutes by default): a dialog with the time
 * left. "Stay signed in" asks the server, which extends the idle time; the absolute limit cannot be
 * extended, and the dialog says so.
 */
export function ExpiryWarning() {
  const { t } = useTranslation();
  const session = useSession((s) => s.session);
  const locked = useSession((s) => s.locked);
  const offset = useSession((s) => s.serverOffsetMs);
  const restore = useSession((s) => s.restore);
  const warnBeforeMs = useLock((s) => s.policy?.warnBeforeMs ?? null);
  const signOut = useAuth((s) => s.signOut);
  const now = useNow(offset);
  const dialog = useRef<HTMLDialogElement>(null);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [staying, setStaying] = useState(false);

  const end = session ? sessionEndOf(session) : null;
  const left = end ? end.at - now : null;
  const open =
    end !== null &&
    left !== null &&
    warnBeforeMs !== null &&
    !locked &&
    left > 0 &&
    left <= warnBeforeMs &&
    dismissedAt !== end.at;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  const stay = async () => {
    setStaying(true);
    try {
      await restore();
    } finally {
      setStaying(false);
    }
  };
  const dismiss = () => {
    if (end?.kind === "absolute") setDismissedAt(end.at);
    else void stay();
  };

  return (
    <dialog
      ref={dialog}
      className="expiry-warning"
      aria-labelledby="expiry-title"
      aria-describedby="expiry-text"
      onCancel={(event) => {
        // Escape: someone is there. It keeps an idle session; it closes the notice of the absolute limit.
        event.preventDefault();
        dismiss();
      }}
    >
      {open && end && left !== null ? (
        <>
          <h2 id="expiry-title">{t("session.warning.title")}</h2>
          <p id="expiry-text">{t(`session.warning.${end.kind}`, { time: formatDuration(left) })}</p>
          <div className="actions">
            {end.kind === "idle" ? (
              <button
                type="button"
                className="primary"
                autoFocus
                disabled={staying}
                onClick={() => void stay()}
              >
                {staying ? t("session.warning.staying") : t("session.warning.stay")}
              </button>
            ) : (
              <button type="button" className="primary" autoFocus onClick={dismiss}>
                {t("session.warning.ok")}
              </button>
            )}
            <button type="button" className="secondary" onClick={() => void signOut()}>
              {t("desktop.signOut")}
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
