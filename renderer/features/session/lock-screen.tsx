import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { limits } from "../../../shared/contract/limits.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { Field } from "../../ui/field.js";
import { useFocusOnMount, useFocusWhen } from "../../ui/focus.js";
import { formatDuration, useNow } from "../../ui/time.js";
import { useAuth } from "../auth/auth-store.js";
import { useLock } from "./lock-store.js";
import { sessionEndOf } from "./session-end.js";
import { useSession } from "./session-store.js";
import "./session.css";

/**
 * What a locked terminal shows, instead of everything of the session: who is signed in, the password
 * to unlock (checked by the server), and "Sign out".
 */
export function LockScreen() {
  const { t } = useTranslation();
  const session = useSession((s) => s.session);
  const offset = useSession((s) => s.serverOffsetMs);
  const warnBeforeMs = useLock((s) => s.policy?.warnBeforeMs ?? 0);
  const pending = useLock((s) => s.pending);
  const error = useLock((s) => s.error);
  const unlock = useLock((s) => s.unlock);
  const signOut = useAuth((s) => s.signOut);
  const signingOut = useAuth((s) => s.pending === "signOut");
  const [password, setPassword] = useState("");
  const [missing, setMissing] = useState(false);
  const passwordRef = useFocusOnMount<HTMLInputElement>();
  const alertRef = useFocusWhen<HTMLDivElement>(error);
  const now = useNow(offset);

  if (!session) return null;
  const end = sessionEndOf(session);
  const left = end.at - now;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const done = await unlock(password);
    setPassword("");
    if (!done) passwordRef.current?.focus();
  };

  return (
    <section className="card lock-screen" aria-labelledby="lock-title">
      <h1 id="lock-title">{t("session.lock.title")}</h1>
      <p data-testid="locked-user">
        {t("session.lock.who", {
          name: session.displayName,
          userId: session.userId,
          participant: `${session.participant} · ${session.participantName}`,
        })}
      </p>
      <p className="intro">{t("session.lock.intro")}</p>
      {left > 0 && left <= warnBeforeMs ? (
        <p className="alert alert-warning" role="status">
          {t(`session.lock.ending.${end.kind}`, { time: formatDuration(left) })}
        </p>
      ) : null}
      <ErrorAlert ref={alertRef} id="unlock-error" error={error} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate aria-busy={pending === "unlock"}>
        <Field
          id="unlock-password"
          label={t("session.lock.password")}
          type="password"
          inputRef={passwordRef}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          autoComplete="current-password"
          maxLength={limits.passwordMax}
          required
          problem={missing ? t("login.passwordRequired") : null}
          invalidBy={error?.code === "INVALID_CREDENTIALS" ? "unlock-error" : null}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={pending === "unlock"}>
            {pending === "unlock" ? t("session.lock.unlocking") : t("session.lock.unlock")}
          </button>
          <button type="button" className="secondary" disabled={signingOut} onClick={() => void signOut()}>
            {signingOut ? t("desktop.signingOut") : t("desktop.signOut")}
          </button>
        </div>
      </form>
    </section>
  );
}
