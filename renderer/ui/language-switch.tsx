import { useTranslation } from "react-i18next";
import { chooseLanguage, languages, type Language } from "../i18n/index.js";
import { ItSetNote } from "./it-set-note.js";

const labelKey: Record<Language, string> = { en: "language.en", "zh-HK": "language.zhHK" };

/** EN / 繁體中文, each a toggle button; the choice is remembered. Locked by IT: shown, not changeable. */
export function LanguageSwitch({ locked = false }: { locked?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <div
      role="group"
      aria-label={t("language.label")}
      aria-describedby={locked ? "language-locked" : undefined}
      className="language-switch"
    >
      {languages.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={i18n.language === lng}
          disabled={locked}
          onClick={() => void chooseLanguage(lng)}
        >
          {t(labelKey[lng])}
        </button>
      ))}
      {locked ? <ItSetNote id="language-locked" /> : null}
    </div>
  );
}
