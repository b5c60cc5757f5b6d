import { useTranslation } from "react-i18next";
import { isLockedUntilUnlocked } from "../../../shared/wire/admin.js";
import { formatDateTime } from "../../ui/dates.js";

/** Until when a user is locked: a time, until a DA unlocks, or not locked. */
export function LockedUntil({ lockedUntil }: { lockedUntil: string | null }) {
  const { t, i18n } = useTranslation();
  if (lockedUntil === null) return <span className="hint">{t("admin.notLocked")}</span>;
  if (isLockedUntilUnlocked(lockedUntil)) return <span className="locked">{t("admin.untilUnlocked")}</span>;
  return (
    <time className="locked" dateTime={lockedUntil}>
      {formatDateTime(lockedUntil, i18n.language)}
    </time>
  );
}
