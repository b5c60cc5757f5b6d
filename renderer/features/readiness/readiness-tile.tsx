import { useTranslation } from "react-i18next";
import { useNav } from "../../app/nav-store.js";

/** The desktop's way to the readiness board; the desktop shows it to Delegated Administrators only. */
export function ReadinessTile() {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  return (
    <li className="tile tile-readiness">
      <button
        type="button"
        className="tile-open"
        aria-describedby="tile-readiness-text"
        onClick={() => go("readiness")}
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
