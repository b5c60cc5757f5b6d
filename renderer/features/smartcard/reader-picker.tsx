import { useTranslation } from "react-i18next";
import { errorText } from "../../i18n/error-text.js";
import { useSmartcard } from "./smartcard-store.js";

/** The readers, each with whether a card is in it, live; and why a kind of reader is missing. */
export function ReaderPicker() {
  const { t } = useTranslation();
  const status = useSmartcard((s) => s.status);
  const reader = useSmartcard((s) => s.reader);
  const pending = useSmartcard((s) => s.pending);
  const chooseReader = useSmartcard((s) => s.chooseReader);
  if (!status) return <p>{t("common.loading")}</p>;

  return (
    <fieldset className="readers">
      <legend>{t("smartcard.readers")}</legend>
      {status.problems.map((problem) => (
        <p key={problem.backend} className="hint reader-problem" data-code={problem.code}>
          {t("smartcard.backendProblem", { problem: errorText(t, { code: problem.code }) })}
        </p>
      ))}
      {status.readers.length === 0 ? <p className="hint">{t("smartcard.noReaders")}</p> : null}
      <div className="choices" role="radiogroup" aria-label={t("smartcard.readers")}>
        {status.readers.map((r) => (
          <label key={r.name} className="choice reader">
            <input
              type="radio"
              name="reader"
              value={r.name}
              checked={r.name === reader}
              disabled={pending === "signIn"}
              onChange={() => void chooseReader(r.name)}
            />
            <span>{r.name}</span>
            <span className={r.cardPresent ? "tag tag-ok" : "tag"} data-testid="card-state">
              {r.cardPresent ? t("smartcard.cardPresent") : t("smartcard.cardAbsent")}
            </span>
          </label>
        ))}
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {status.readers
          .filter((r) => r.name === reader)
          .map((r) =>
            t("smartcard.readerStatus", {
              reader: r.name,
              state: r.cardPresent ? t("smartcard.cardPresent") : t("smartcard.cardAbsent"),
            }),
          )
          .join(" ")}
      </p>
    </fieldset>
  );
}
