import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { limits } from "../../../shared/contract/limits.js";
import type { PracticeCardDestination } from "../../../shared/contract/practice-card.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { Field } from "../../ui/field.js";
import { useFocusWhen } from "../../ui/focus.js";
import { usePracticeCard } from "./practice-card-store.js";
import { useSmartcard } from "./smartcard-store.js";

const pinPattern = /^\d{4,8}$/;

/**
 * No card at hand: the simulator issues a practice card for the user signing in
 * (a card holder), with a PIN the trainee picks, and it goes straight into the
 * simulated reader, or into the PC/SC virtual reader where the system has one.
 */
export function PracticeCardPanel() {
  const { t } = useTranslation();
  const info = usePracticeCard((s) => s.info);
  const pending = usePracticeCard((s) => s.pending);
  const error = usePracticeCard((s) => s.error);
  const issued = usePracticeCard((s) => s.issued);
  const load = usePracticeCard((s) => s.load);
  const issue = usePracticeCard((s) => s.issue);
  const status = useSmartcard((s) => s.status);
  const [pin, setPin] = useState("");
  const [into, setInto] = useState<PracticeCardDestination>("simulated");
  const [problem, setProblem] = useState<string | null>(null);
  const alertRef = useFocusWhen<HTMLDivElement>(error);

  useEffect(() => {
    void load();
  }, [load]);

  if (!info?.canIssue || !info.userId) return null;
  const simulatedReader = status?.readers.find((r) => r.backend === "simulated")?.name;
  const virtualListed = status?.readers.some((r) => r.backend === "pcsc" && r.name === info.virtualReader);
  const destinations: Array<{ value: PracticeCardDestination; label: string }> = [
    ...(simulatedReader
      ? [
          {
            value: "simulated" as const,
            label: t("smartcard.practiceIntoSimulated", { reader: simulatedReader }),
          },
        ]
      : []),
    ...(virtualListed
      ? [
          {
            value: "virtual" as const,
            label: t("smartcard.practiceIntoVirtual", { reader: info.virtualReader }),
          },
        ]
      : []),
  ];
  const chosen = destinations.some((d) => d.value === into) ? into : destinations[0]?.value;
  // Until the readers are known there is nowhere to put a card.
  if (!chosen) return null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    if (!pinPattern.test(pin)) {
      setProblem(t("smartcard.pinInvalid"));
      document.getElementById("practice-pin")?.focus();
      return;
    }
    setProblem(null);
    void issue(pin, chosen).then((ok) => {
      if (ok) setPin("");
    });
  };

  return (
    <section className="practice-card" aria-labelledby="practice-card-title">
      <h2 id="practice-card-title">{t("smartcard.practiceTitle")}</h2>
      <p className="hint">{t("smartcard.practiceIntro", { userId: info.userId })}</p>
      <ErrorAlert id="practice-card-error" ref={alertRef} error={error} />
      <form onSubmit={onSubmit} noValidate aria-busy={pending}>
        <Field
          id="practice-pin"
          label={t("smartcard.practicePin")}
          hint={t("smartcard.practicePinHint")}
          problem={problem}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={limits.cardPinMax}
          value={pin}
          readOnly={pending}
          onChange={(event) => setPin(event.target.value.replace(/\D/g, "").slice(0, 8))}
        />
        {destinations.length > 1 ? (
          <fieldset className="choices">
            <legend>{t("smartcard.practiceInto")}</legend>
            {destinations.map((destination) => (
              <label key={destination.value} className="choice">
                <input
                  type="radio"
                  name="practice-into"
                  value={destination.value}
                  checked={chosen === destination.value}
                  onChange={() => setInto(destination.value)}
                />
                {destination.label}
              </label>
            ))}
          </fieldset>
        ) : null}
        <div className="actions">
          <button type="submit" className="secondary" aria-disabled={pending}>
            {pending ? t("smartcard.practiceIssuing") : t("smartcard.practiceIssue")}
          </button>
        </div>
        <p role="status" aria-live="polite" className="hint" data-testid="practice-card-issued">
          {issued ? t("smartcard.practiceIssued", { userId: issued.userId, reader: issued.reader }) : ""}
        </p>
      </form>
    </section>
  );
}
