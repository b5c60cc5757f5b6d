import { useEffect, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNav } from "../../app/nav-store.js";
import { formatMoment } from "../../ui/dates.js";
import { RoomScreen } from "../room/room-screen-loader.js";
import { useRoom } from "../room/room-store.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { useFocusOnMount, useFocusWhen } from "../../ui/focus.js";
import { MomentForm } from "./moment-form.js";
import { REHEARSAL_PANEL_ID, REHEARSAL_TOGGLE_ID } from "./rehearsal-ids.js";
import { controlledState, useRehearsal, type RehearsalDone } from "./rehearsal-store.js";
import { SituationForm } from "./situation-form.js";
import { situationTitle } from "./situation-text.js";
import "./rehearsal.css";

/** The trainer's panel under the banner: the simulated moment, a situation on top, and start over. */
export default function RehearsalPanel() {
  const { t, i18n } = useTranslation();
  const view = useRehearsal((s) => s.view);
  const pending = useRehearsal((s) => s.pending);
  const error = useRehearsal((s) => s.error);
  const done = useRehearsal((s) => s.done);
  const setOpen = useRehearsal((s) => s.setOpen);
  const startOver = useRehearsal((s) => s.startOver);
  const screen = useNav((s) => s.screen);
  const go = useNav((s) => s.go);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  // The room's code is fetched while the trainer looks at the panel.
  useEffect(() => {
    const timer = setTimeout(() => void RoomScreen.preload().catch(() => {}), 0);
    return () => clearTimeout(timer);
  }, []);
  const alertRef = useFocusWhen<HTMLDivElement>(error);
  const state = controlledState(view);
  if (!state) return null;

  const close = (event: KeyboardEvent) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    setOpen(false);
    document.getElementById(REHEARSAL_TOGGLE_ID)?.focus();
  };
  const said = (result: RehearsalDone | null): string => {
    switch (result?.kind) {
      case undefined:
        return "";
      case "moment":
        return t("rehearsal.done.moment", {
          moment: formatMoment(result.state.status.now, i18n.language),
          phase: t(`phases.${result.state.status.phase}`),
        });
      case "situation":
        return t("rehearsal.done.situation", { situation: situationTitle(t, result) });
      case "startOver":
        return t("rehearsal.done.startOver", {
          moment: formatMoment(result.state.status.now, i18n.language),
        });
      case "tokenAccepted":
      case "tokenForgotten":
        return t(`rehearsal.done.${result.kind}`);
    }
  };

  return (
    <section
      id={REHEARSAL_PANEL_ID}
      className="rehearsal-panel"
      aria-labelledby="rehearsal-title"
      onKeyDown={close}
    >
      <h2 id="rehearsal-title" ref={headingRef} tabIndex={-1}>
        {t("rehearsal.title")}
      </h2>
      <p className="hint">{t("rehearsal.intro")}</p>
      <ErrorAlert id="rehearsal-error" ref={alertRef} error={error} />
      <p role="status" aria-live="polite" className="done-line" data-testid="rehearsal-done">
        {said(done)}
      </p>
      <div className="rehearsal-forms">
        <MomentForm state={state} />
        <SituationForm state={state} />
      </div>
      <div className="actions rehearsal-room">
        <button
          type="button"
          className="secondary"
          aria-describedby="room-hint"
          onClick={() => {
            const open = () => {
              useRoom.setState({ returnTo: screen === "room" ? useRoom.getState().returnTo : screen });
              setOpen(false);
              go("room");
            };
            // Once its code is here the room draws at once, without a suspended screen's reveal delay.
            void RoomScreen.preload().then(open, open);
          }}
        >
          {t("rehearsal.room")}
        </button>
        <p id="room-hint" className="hint">
          {t("rehearsal.roomHint")}
        </p>
      </div>
      <div className="actions rehearsal-start-over">
        <button
          type="button"
          className="secondary"
          aria-disabled={pending !== null}
          aria-describedby="start-over-hint"
          onClick={() => {
            if (pending === null) void startOver();
          }}
        >
          {pending === "startOver" ? t("rehearsal.startingOver") : t("rehearsal.startOver")}
        </button>
        <p id="start-over-hint" className="hint">
          {t("rehearsal.startOverHint")}
        </p>
      </div>
    </section>
  );
}
