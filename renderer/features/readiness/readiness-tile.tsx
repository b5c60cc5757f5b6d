import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useNav } from "../../app/nav-store.js";
import { ReadinessScreen } from "./readiness-screen-loader.js";

/** The desktop's way to the readiness board; the desktop shows it to Delegated Administrators only. */
export function ReadinessTile() {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  // The board's code is fetched while the desktop is idle, so that opening it waits only for its data; a
  // click before it arrived opens the board with it (a few milliseconds), not with React's slower reveal of
  // a suspended screen.
  const open = () => go("readiness");
  useEffect(() => {
    const timer = setTimeout(() => void ReadinessScreen.preload().catch(() => {}), 0);
    return () => clearTimeout(timer);
  }, []);
  return (
    <li className="tile tile-readiness">
      <button
        type="button"
        className="tile-open"
        aria-describedby="tile-readiness-text"
        onClick={() => void ReadinessScreen.preload().then(open, open)}
      >
        {t("readiness.tile")}
      </button>
      <span id="tile-readiness-text" className="tile-text">
        {t("readiness.tileText")}
      </span>
      <span className="tag">{t("admin.tileTag")}</span>
    </li>
  );
}
