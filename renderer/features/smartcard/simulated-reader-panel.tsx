import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "../../ui/field.js";
import { issueCardCommand } from "./issue-card-command.js";
import { useSmartcard } from "./smartcard-store.js";

/** For machines without a reader: put a card file from the simulator into the built-in reader. */
export function SimulatedReaderPanel() {
  const { t } = useTranslation();
  const status = useSmartcard((s) => s.status);
  const pending = useSmartcard((s) => s.pending);
  const insertSimulated = useSmartcard((s) => s.insertSimulated);
  const removeSimulated = useSmartcard((s) => s.removeSimulated);
  const [cardFile, setCardFile] = useState("");
  if (!status?.simulatedReader) return null;
  const simulated = status.readers.find((r) => r.backend === "simulated");

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (cardFile.trim()) void insertSimulated(cardFile.trim());
  };

  return (
    <details className="simulated-reader">
      <summary>{t("smartcard.simulatedTitle")}</summary>
      <p className="hint">
        {t("smartcard.simulatedHint")} <code>{issueCardCommand}</code>
      </p>
      <form onSubmit={onSubmit} noValidate>
        <Field
          id="card-file"
          label={t("smartcard.cardFile")}
          value={cardFile}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setCardFile(event.target.value)}
        />
        <div className="actions">
          <button type="submit" className="secondary" disabled={pending !== null || !cardFile.trim()}>
            {t("smartcard.insert")}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={pending !== null || !simulated?.cardPresent}
            onClick={() => void removeSimulated()}
          >
            {t("smartcard.remove")}
          </button>
        </div>
      </form>
    </details>
  );
}
