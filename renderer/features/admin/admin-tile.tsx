import { useTranslation } from "react-i18next";
import { useNav } from "../../app/nav-store.js";
import "./admin.css";

/** The desktop's way into email registration; the desktop shows it to Delegated Administrators only. */
export function AdminTile() {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  return (
    <li className="tile tile-admin">
      <button
        type="button"
        className="tile-open"
        aria-describedby="tile-admin-text"
        onClick={() => go("admin")}
      >
        {t("admin.tile")}
      </button>
      <span id="tile-admin-text" className="tile-text">
        {t("admin.tileText")}
      </span>
      <span className="tag">{t("admin.tileTag")}</span>
    </li>
  );
}
