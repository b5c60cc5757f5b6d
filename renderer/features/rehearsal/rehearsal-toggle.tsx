import { lazy, Suspense, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useSettings } from "../settings/settings-store.js";
import { REHEARSAL_PANEL_ID, REHEARSAL_TOGGLE_ID } from "./rehearsal-ids.js";
import { controlledState, useRehearsal } from "./rehearsal-store.js";
import "./banner.css";

const RehearsalPanel = lazy(() => import("./rehearsal-panel.js"));

/**
 * In the simulator's banner: the way into the rehearsal panel, when the app may
 * change the simulator (the built-in one; a standalone one with a trainer's token).
 * The panel's code loads only when it opens.
 */
export function RehearsalToggle() {
  const { t } = useTranslation();
  const serverUrl = useSettings((s) => s.info?.server.url);
  const view = useRehearsal((s) => s.view);
  const open = useRehearsal((s) => s.open);
  const setOpen = useRehearsal((s) => s.setOpen);
  const load = useRehearsal((s) => s.load);

  useEffect(() => {
    void load();
  }, [serverUrl, load]);

  if (!controlledState(view)) return null;
  return (
    <>
      <button
        type="button"
        id={REHEARSAL_TOGGLE_ID}
        className="banner-button"
        aria-expanded={open}
        aria-controls={open ? REHEARSAL_PANEL_ID : undefined}
        onClick={() => setOpen(!open)}
      >
        {t("rehearsal.open")}
      </button>
      {open ? (
        <Suspense fallback={<p className="hint">{t("common.loading")}</p>}>
          <RehearsalPanel />
        </Suspense>
      ) : null}
    </>
  );
}
