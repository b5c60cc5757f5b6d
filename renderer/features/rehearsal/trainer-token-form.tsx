import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { limits } from "../../../shared/contract/limits.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { Field } from "../../ui/field.js";
import { useFocusWhen } from "../../ui/focus.js";
import { useRehearsal } from "./rehearsal-store.js";
import "./banner.css";

/**
 * In the server settings, for a standalone simulator: a trainer's control token,
 * which turns the rehearsal panel on. The token goes to the main process, which
 * keeps it only once the simulator has accepted it.
 */
export function TrainerTokenForm() {
  const { t } = useTranslation();
  const view = useRehearsal((s) => s.view);
  const pending = useRehearsal((s) => s.pending);
  const error = useRehearsal((s) => s.error);
  const done = useRehearsal((s) => s.done);
  const setTrainerToken = useRehearsal((s) => s.setTrainerToken);
  const forgetTrainerToken = useRehearsal((s) => s.forgetTrainerToken);
  const [token, setToken] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const alertRef = useFocusWhen<HTMLDivElement>(error?.code === "CONTROL_TOKEN_REFUSED" ? error : null);
  if (!view || !(view.access === "token-needed" || view.access === "trainer")) return null;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    if (!token.trim()) {
      setProblem(t("rehearsal.token.required"));
      document.getElementById("trainer-token")?.focus();
      return;
    }
    setProblem(null);
    if (await setTrainerToken(token.trim())) setToken("");
  };

  return (
    <details
      className="trainer-token"
      open={view.access === "token-needed" && view.refused ? true : undefined}
    >
      <summary>{t("rehearsal.token.summary")}</summary>
      {view.access === "token-needed" ? (
        <form onSubmit={(event) => void onSubmit(event)} noValidate aria-busy={pending === "token"}>
          <p className="hint">{view.refused ? t("rehearsal.token.refused") : t("rehearsal.token.intro")}</p>
          <ErrorAlert id="trainer-token-error" ref={alertRef} error={error} />
          {done?.kind === "tokenForgotten" ? (
            <p className="notice" role="status">
              {t("rehearsal.done.tokenForgotten")}
            </p>
          ) : null}
          <Field
            id="trainer-token"
            label={t("rehearsal.token.label")}
            hint={t("rehearsal.token.hint")}
            type="password"
            autoComplete="off"
            spellCheck={false}
            maxLength={limits.controlTokenMax}
            value={token}
            problem={problem}
            invalidBy={error?.code === "CONTROL_TOKEN_REFUSED" ? "trainer-token-error" : null}
            onChange={(event) => setToken(event.target.value)}
          />
          <div className="actions">
            <button type="submit" className="secondary" aria-disabled={pending !== null}>
              {pending === "token" ? t("rehearsal.token.using") : t("rehearsal.token.use")}
            </button>
          </div>
        </form>
      ) : (
        <div className="actions">
          <p className="notice" role="status">
            {done?.kind === "tokenAccepted" ? t("rehearsal.done.tokenAccepted") : t("rehearsal.token.on")}
          </p>
          {view.access === "trainer" ? (
            <p className="hint" data-testid="trainer-token-kept">
              {t(
                view.tokenKept === "keychain" ? "rehearsal.token.keptKeychain" : "rehearsal.token.keptMemory",
              )}
            </p>
          ) : null}
          <button
            type="button"
            className="secondary"
            disabled={pending !== null}
            onClick={() => void forgetTrainerToken()}
          >
            {t("rehearsal.token.forget")}
          </button>
        </div>
      )}
    </details>
  );
}
