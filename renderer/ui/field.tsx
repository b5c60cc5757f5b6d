import type { InputHTMLAttributes, Ref } from "react";

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  id: string;
  label: string;
  hint?: string;
  /** Already translated; set when this field is what went wrong. */
  problem?: string | null;
  inputRef?: Ref<HTMLInputElement>;
  /** Marks the field wrong when the explanation is elsewhere (its element id). */
  invalidBy?: string | null;
}

/** A labelled input with its hint and problem tied to it for assistive technology. */
export function Field({ id, label, hint, problem, inputRef, invalidBy, ...input }: Props) {
  const described = [hint ? `${id}-hint` : null, problem ? `${id}-problem` : null, invalidBy ?? null]
    .filter(Boolean)
    .join(" ");
  const invalid = Boolean(problem) || Boolean(invalidBy);
  return (
    <div className={invalid ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {problem ? (
        <p id={`${id}-problem`} className="field-problem">
          {problem}
        </p>
      ) : null}
      <input
        id={id}
        ref={inputRef}
        aria-invalid={invalid || undefined}
        aria-describedby={described || undefined}
        {...input}
      />
    </div>
  );
}
