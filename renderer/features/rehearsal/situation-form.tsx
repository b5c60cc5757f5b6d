import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { RehearsalState, Situation } from "../../../shared/wire/rehearsal.js";
import { useRehearsal } from "./rehearsal-store.js";
import { situationTitle, situationWho } from "./situation-text.js";

/** A shipped situation to put on top of the moment, each said in a sentence, with whom to sign in as. */
export function SituationForm({ state }: { state: RehearsalState }) {
  const { t } = useTranslation();
  const pending = useRehearsal((s) => s.pending);
  const applySituation = useRehearsal((s) => s.applySituation);
  const [name, setName] = useState(() => state.situation ?? state.situations[0]?.name ?? "");
  const applying = pending === "situation";

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!pending && name) void applySituation(name);
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-busy={applying}>
      <fieldset>
        <legend>{t("rehearsal.situationLegend")}</legend>
        <p className="hint">{t("rehearsal.situationHint")}</p>
        <div className="choice-list">
          {state.situations.map((situation) => (
            <SituationChoice
              key={situation.name}
              situation={situation}
              checked={name === situation.name}
              inForce={state.situation === situation.name}
              onChoose={() => setName(situation.name)}
            />
          ))}
        </div>
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" aria-disabled={pending !== null || !name}>
          {applying ? t("rehearsal.applying") : t("rehearsal.apply")}
        </button>
      </div>
    </form>
  );
}

interface ChoiceProps {
  situation: Situation;
  checked: boolean;
  inForce: boolean;
  onChoose: () => void;
}

function SituationChoice({ situation, checked, inForce, onChoose }: ChoiceProps) {
  const { t } = useTranslation();
  const describedBy = `situation-${situation.name}-text`;
  return (
    <div className="situation">
      <label className="choice">
        <input
          type="radio"
          name="situation"
          value={situation.name}
          checked={checked}
          aria-describedby={describedBy}
          onChange={onChoose}
        />
        <span>{situationTitle(t, situation)}</span>
        {inForce ? <span className="tag tag-ok">{t("rehearsal.inForce")}</span> : null}
      </label>
      <p id={describedBy} className="hint situation-text">
        {t(`rehearsal.situations.${situation.name}.text`, { defaultValue: situation.description })}{" "}
        {situationWho(t, situation)}
      </p>
    </div>
  );
}
