import { useTranslation } from "react-i18next";

/** Says that a setting is set by IT for this computer; controls it describes point here (aria-describedby). */
export function ItSetNote({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <p id={id} className="hint it-set">
      {t("machine.setByIt")}
    </p>
  );
}
