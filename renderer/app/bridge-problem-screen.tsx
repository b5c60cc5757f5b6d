import { useTranslation } from "react-i18next";
import type { BridgeProblem } from "../bridge/index.js";
import { useFocusOnMount } from "../ui/focus.js";

/** The page cannot reach the app (no token, or a refused one): say how to fix it. */
export function BridgeProblemScreen({ problem }: { problem: BridgeProblem }) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="card" aria-labelledby="bridge-title">
      <h1 id="bridge-title" ref={headingRef} tabIndex={-1}>
        {t("bridge.title")}
      </h1>
      <p role="alert" className="alert alert-error" data-problem={problem}>
        {t(`bridge.${problem}`)}
      </p>
    </section>
  );
}
