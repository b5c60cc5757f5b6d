import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { cardPinPattern, limits } from "../../../shared/contract/limits.js";
import { Field } from "../../ui/field.js";
import { useFocusWhen } from "../../ui/focus.js";
import { useAuth } from "../auth/auth-store.js";
import { useSmartcard } from "./smartcard-store.js";

/** The card PIN, the tries left, and the progress while the card signs. */
export function PinForm() {
  const { t } = useTranslation();
  const reader = useSmartcard((s) => s.reader);
  const status = useSmartcard((s) => s.status);
  const triesLeft = useSmartcard((s) => s.triesLeft);
  const step = useSmartcard((s) => s.step);
  const pending = useSmartcard((s) => s.pending);
  const error = useSmartcard((s) => s.error);
  const signIn = useSmartcard((s) => s.signIn);
  const applyView = useAuth((s) => s.applyView);
  const [pin, setPin] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const pinRef = useFocusWhen<HTMLInputElement>(error?.code === "WRONG_PIN" ? error : null);

  const cardPresent = status?.readers.find((r) => r.name === reader)?.cardPresent ?? false;
  const blocked = triesLeft === 0;
  const signing = pending === "signIn";

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (signing) return;
    if (!cardPinPattern.test(pin)) {
      setProblem(t("smartcard.pinInvalid"));
      pinRef.current?.focus();
      return;
    }
    setProblem(null);
    void signIn(pin).then((view) => {
      setPin("");
      if (view) applyView(view);
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-busy={signing}>
      <Field
        id="card-pin"
        label={t("smartcard.pin")}
        hint={t("smartcard.pinHint")}
        problem={problem}
        inputRef={pinRef}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={limits.cardPinMax}
        value={pin}
        disabled={signing || blocked}
        onChange={(event) => setPin(event.target.value.replace(/\D/g, "").slice(0, 8))}
      />
      {triesLeft !== null ? (
        <p className={blocked ? "field-problem" : "hint"} id="pin-tries" data-testid="pin-tries">
          {blocked ? t("smartcard.blocked") : t("smartcard.triesLeft", { count: triesLeft })}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={signing || !cardPresent || blocked}>
          {t("smartcard.signIn")}
        </button>
      </div>
      <p role="status" aria-live="polite" className="hint progress" data-testid="card-progress">
        {signing ? t(`smartcard.progress.${step ?? "challenge"}`) : ""}
      </p>
    </form>
  );
}
