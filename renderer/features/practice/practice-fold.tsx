import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePractice } from "./practice-store.js";
import "./practice-fold.css";

const PracticeChecklist = lazy(() => import("./practice-checklist.js"));

/**
 * On the login screen: the practice checklist folded away, there only with a simulator the app
 * controls. Its code loads when it is opened, so the sign-in form does not wait for it.
 */
export function PracticeFold() {
  const { t } = useTranslation();
  const view = usePractice((s) => s.view);
  const load = usePractice((s) => s.load);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);

  if (!view || (!view.available && view.reason === "no-control")) return null;
  return (
    <details className="practice-folded" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t("practice.summary")}</summary>
      {open ? (
        <Suspense fallback={<p className="hint">{t("common.loading")}</p>}>
          <PracticeChecklist />
        </Suspense>
      ) : null}
    </details>
  );
}
