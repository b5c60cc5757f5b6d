import { useTranslation } from "react-i18next";
import { formatDate } from "../../ui/dates.js";
import { RehearsalToggle } from "../rehearsal/rehearsal-toggle.js";
import { useSettings } from "./settings-store.js";

/**
 * While the server is a simulator (built-in or standalone): the migration phase it plays and its date;
 * while the built-in simulator's process is still starting, that it is starting.
 */
export function SimBanner() {
  const { t, i18n } = useTranslation();
  const status = useSettings((s) => s.simStatus);
  const starting = useSettings((s) => s.info?.server.starting === true);
  if (starting) {
    return (
      <aside className="sim-banner" aria-label={t("banner.label")} data-phase="starting">
        <strong>{t("banner.label")}</strong> <span role="status">{t("banner.starting")}</span>
      </aside>
    );
  }
  if (!status) return null;
  const date = formatDate(status.now, i18n.language);
  return (
    <aside className="sim-banner" aria-label={t("banner.label")} data-phase={status.phase}>
      <strong>{t("banner.label")}</strong>{" "}
      <span>{t("banner.text", { phase: t(`phases.${status.phase}`), date })}</span>
      {status.phasePinned ? <span className="tag">{t("banner.pinned")}</span> : null}
      <RehearsalToggle />
    </aside>
  );
}
