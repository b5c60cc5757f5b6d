import { forwardRef } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../i18n/error-text.js";
import type { UiError } from "./ui-error.js";

interface Props {
  error: UiError | null;
  id?: string;
}

/** A failure in words, announced by screen readers as soon as it appears. */
export const ErrorAlert = forwardRef<HTMLDivElement, Props>(function ErrorAlert({ error, id }, ref) {
  const { t } = useTranslation();
  return (
    <div id={id} ref={ref} role="alert" tabIndex={-1} className={error ? "alert alert-error" : "alert-empty"}>
      {error ? errorText(t, error) : null}
    </div>
  );
});
