import { useTranslation } from "react-i18next";
import { languages, type Language } from "../i18n/index.js";

const labelKey: Record<Language, string> = { en: "language.en", "zh-HK": "language.zhHK" };

/** EN / 繁體中文, each a toggle button; the choice is remembered. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div role="group" aria-label={t("language.label")} className="language-switch">
      {languages.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={i18n.language === lng}
          onClick={() => void i18n.changeLanguage(lng)}
        >
          {t(labelKey[lng])}
        </button>
      ))}
    </div>
  );
}
