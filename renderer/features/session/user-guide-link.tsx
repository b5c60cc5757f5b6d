import { useTranslation } from "react-i18next";
import { isLanguage } from "../../../shared/languages.js";
import { userGuidePath } from "../../../shared/user-guide.js";
import { useSettings } from "../settings/settings-store.js";

/**
 * The printed user guide in the page's language, in a tab of its own, where the browser shell serves it.
 * The desktop app offers it from its Help menu instead (its window opens no other pages).
 */
export function UserGuideLink() {
  const { t, i18n } = useTranslation();
  const info = useSettings((s) => s.info);
  const language = i18n.language;
  if (info?.shell !== "web" || !isLanguage(language) || !info.userGuide.includes(language)) return null;
  return (
    <p className="user-guide">
      <a
        href={userGuidePath(language)}
        target="_blank"
        rel="noopener noreferrer"
        aria-describedby="user-guide-text"
      >
        {t("desktop.userGuide")}
      </a>{" "}
      <span id="user-guide-text" className="tile-text">
        {t("desktop.userGuideHint")}
      </span>
    </p>
  );
}
