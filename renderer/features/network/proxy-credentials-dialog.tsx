import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { limits } from "../../../shared/contract/limits.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { Field } from "../../ui/field.js";
import { useNetwork } from "./network-store.js";
import "./network.css";

/**
 * The proxy's 407, asked of the person: user name, password and "Remember on
 * this computer" (or, without a keychain here, a note that they are kept for
 * this session only). A modal <dialog>: focus stays inside, Escape cancels,
 * and focus goes back where it was when it closes. Loaded when a proxy first asks.
 */
export default function ProxyCredentialsDialog() {
  const { t } = useTranslation();
  const prompt = useNetwork((s) => s.prompt);
  const promptError = useNetwork((s) => s.promptError);
  const submitCredentials = useNetwork((s) => s.submitCredentials);
  const cancelPrompt = useNetwork((s) => s.cancelPrompt);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [remember, setRemember] = useState(false);
  const [missing, setMissing] = useState<"username" | "password" | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (prompt && !dialog.open) {
      setPassword("");
      setMissing(null);
      dialog.showModal();
    } else if (!prompt && dialog.open) {
      dialog.close();
    }
  }, [prompt]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = !username.trim() ? "username" : !password ? "password" : null;
    setMissing(found);
    if (found) {
      document.getElementById(`proxy-${found}`)?.focus();
      return;
    }
    setSending(true);
    try {
      await submitCredentials(username.trim(), password, remember);
    } finally {
      setSending(false);
      setPassword("");
    }
  };

  return (
    <dialog
      ref={dialogRef}
      className="proxy-dialog"
      aria-labelledby="proxy-dialog-title"
      aria-describedby="proxy-dialog-intro"
      onCancel={(event) => {
        event.preventDefault();
        cancelPrompt();
      }}
    >
      {prompt ? (
        <form onSubmit={(e) => void onSubmit(e)} noValidate>
          <h2 id="proxy-dialog-title">{t("proxyDialog.title")}</h2>
          <p id="proxy-dialog-intro">
            {t(prompt.refused ? "proxyDialog.refused" : "proxyDialog.intro", { proxy: prompt.proxy })}
          </p>
          <ErrorAlert id="proxy-dialog-error" error={promptError} />
          <Field
            id="proxy-username"
            label={t("proxyDialog.username")}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={limits.proxyUserNameMax}
            autoFocus
            problem={missing === "username" ? t("proxyDialog.usernameRequired") : null}
          />
          <Field
            id="proxy-password"
            label={t("proxyDialog.password")}
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="off"
            maxLength={limits.proxyPasswordMax}
            problem={missing === "password" ? t("proxyDialog.passwordRequired") : null}
          />
          {prompt.keychain.available ? (
            <label className="choice remember">
              <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
              {t("proxyDialog.remember")}
            </label>
          ) : (
            <p className="hint" id="proxy-dialog-no-keychain">
              {t("proxyDialog.noKeychain")}
            </p>
          )}
          <p className="hint">{t("proxyDialog.notCcms")}</p>
          <div className="actions">
            <button type="submit" className="primary" disabled={sending} aria-disabled={sending}>
              {t("proxyDialog.submit")}
            </button>
            <button type="button" className="secondary" onClick={() => cancelPrompt()}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
