import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { MomentPresetId, RehearsalState } from "../../../shared/wire/rehearsal.js";
import { formatMoment, fromHktInput, toHktInput } from "../../ui/dates.js";
import { Field } from "../../ui/field.js";
import { useRehearsal } from "./rehearsal-store.js";

type Choice = MomentPresetId | "custom" | "real-time";

function initialChoice(state: RehearsalState): Choice {
  const moment = state.moment;
  if (moment?.kind === "preset") return moment.preset;
  if (moment?.kind === "custom") return "custom";
  if (moment?.kind === "real-time" || state.realTime) return "real-time";
  return "custom";
}

/** The simulated moment: a preset of the schedule, a date and time of one's own, or the real clock. */
export function MomentForm({ state }: { state: RehearsalState }) {
  const { t, i18n } = useTranslation();
  const pending = useRehearsal((s) => s.pending);
  const setMoment = useRehearsal((s) => s.setMoment);
  const [choice, setChoice] = useState<Choice>(() => initialChoice(state));
  const [custom, setCustom] = useState(() => toHktInput(state.status.now));
  const [problem, setProblem] = useState<string | null>(null);
  const moving = pending === "moment";

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    if (choice === "real-time") return void setMoment({ realTime: true });
    if (choice !== "custom") return void setMoment({ preset: choice });
    const at = fromHktInput(custom);
    if (!at) {
      setProblem(t("rehearsal.customInvalid"));
      document.getElementById("moment-custom")?.focus();
      return;
    }
    setProblem(null);
    void setMoment({ at });
  };

  const radio = (value: Choice, label: string, hint?: string) => (
    <label className="choice" key={value}>
      <input
        type="radio"
        name="moment"
        value={value}
        checked={choice === value}
        onChange={() => setChoice(value)}
      />
      <span>
        {label}
        {hint ? (
          <>
            {" "}
            <span className="hint choice-hint">{hint}</span>
          </>
        ) : null}
      </span>
    </label>
  );

  return (
    <form onSubmit={onSubmit} noValidate aria-busy={moving}>
      <fieldset>
        <legend>{t("rehearsal.momentLegend")}</legend>
        <p className="hint" data-testid="moment-now">
          {t("rehearsal.momentNow", {
            moment: formatMoment(state.status.now, i18n.language),
            phase: t(`phases.${state.status.phase}`),
          })}
        </p>
        <div className="choice-list">
          {state.presets.map((preset) =>
            radio(preset.id, t(`rehearsal.presets.${preset.id}`), formatMoment(preset.at, i18n.language)),
          )}
          {radio("custom", t("rehearsal.custom"))}
          {choice === "custom" ? (
            <Field
              id="moment-custom"
              label={t("rehearsal.customLabel")}
              hint={t("rehearsal.customHint")}
              type="datetime-local"
              value={custom}
              problem={problem}
              onChange={(event) => setCustom(event.target.value)}
            />
          ) : null}
          {radio("real-time", t("rehearsal.realTime"))}
        </div>
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" aria-disabled={pending !== null}>
          {moving ? t("rehearsal.moving") : t("rehearsal.move")}
        </button>
      </div>
    </form>
  );
}
