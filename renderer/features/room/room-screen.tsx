import { memo, useEffect, useRef, type ReactNode } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { RoomTrainee, RoomTraineeAction } from "../../../shared/wire/room.js";
import { useNav } from "../../app/nav-store.js";
import { formatDateTime, formatMoment } from "../../ui/dates.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { useFocusOnMount } from "../../ui/focus.js";
import { saveFile } from "../../ui/save-file.js";
import { LockedUntil } from "../admin/locked-until.js";
import { roomCsv, roomCsvFileName } from "./room-csv.js";
import { type RoomDone, useRoom } from "./room-store.js";
import "./room.css";

function doneText(t: TFunction, done: RoomDone): string {
  switch (done.kind) {
    case "unlocked":
      return t(done.wasLocked ? "room.done.unlocked" : "room.done.wasNotLocked", { userId: done.userId });
    case "ended":
      return t("room.done.ended", { userId: done.userId, count: done.count });
    case "startedOver":
      return t("room.done.startedOver", { userId: done.userId });
  }
}

/**
 * The trainer's view of the room: every user who has signed in or tried since the last start over,
 * where each stands, read again every second; unlock, end the session of, or start over one trainee.
 */
export default function RoomScreen() {
  const { t, i18n } = useTranslation();
  const room = useRoom((s) => s.room);
  const error = useRoom((s) => s.error);
  const done = useRoom((s) => s.done);
  const returnTo = useRoom((s) => s.returnTo);
  const go = useNav((s) => s.go);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();

  useEffect(() => {
    useRoom.getState().start();
    return () => useRoom.getState().stop();
  }, []);

  const exportCsv = () => {
    if (room === null) return;
    const now = new Date();
    saveFile({
      fileName: roomCsvFileName(now),
      mimeType: "text/csv;charset=utf-8",
      content: roomCsv(room, t, i18n.language, now),
    });
  };

  const since = room?.since ?? null;
  const signedIn = room?.trainees.filter((trainee) => trainee.signedIn).length ?? 0;
  const locked = room?.trainees.filter((trainee) => trainee.lockedUntil !== null).length ?? 0;

  let body: ReactNode;
  if (room === null) body = <p className="hint">{t("room.loading")}</p>;
  else if (room.trainees.length === 0) body = <p className="hint">{t("room.empty")}</p>;
  else
    body = (
      <div className="table-scroll">
        <table className="room-table">
          <caption>
            {t("room.caption", { count: room.trainees.length })} · {t("room.summary", { signedIn, locked })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("room.columns.trainee")}</th>
              <th scope="col">{t("room.columns.participant")}</th>
              <th scope="col">{t("room.columns.signedIn")}</th>
              <th scope="col">{t("room.columns.locked")}</th>
              <th scope="col">{t("room.columns.step")}</th>
              <th scope="col">{t("room.columns.practice")}</th>
              <th scope="col">{t("room.columns.lastActivity")}</th>
              <th scope="col">{t("room.columns.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {room.trainees.map((trainee) => (
              <TraineeRow key={trainee.userId} trainee={trainee} onLeft={() => headingRef.current?.focus()} />
            ))}
          </tbody>
        </table>
      </div>
    );

  return (
    <section className="card room" aria-labelledby="room-title" data-room-state={room ? "ready" : "loading"}>
      <h1 id="room-title" ref={headingRef} tabIndex={-1}>
        {t("room.title")}
      </h1>
      <p className="intro">
        {since === null
          ? t("room.introAll")
          : t("room.intro", { since: formatDateTime(since.realAt ?? since.at, i18n.language) })}
      </p>
      {room ? (
        <p className="hint">
          {t("room.asOf", {
            moment: formatMoment(room.now, i18n.language),
            phase: t(`phases.${room.phase}`),
          })}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => go(returnTo)}>
          {t("room.back")}
        </button>
        <button type="button" className="secondary" aria-disabled={room === null} onClick={exportCsv}>
          {t("room.exportCsv")}
        </button>
      </div>
      <p role="status" className="done-line" data-testid="room-done">
        {done ? doneText(t, done) : ""}
      </p>
      <ErrorAlert error={error} />
      {body}
    </section>
  );
}

const actions: ReadonlyArray<{ action: RoomTraineeAction; text: string; label: string }> = [
  { action: "unlock", text: "room.unlock", label: "room.unlockFor" },
  { action: "end-session", text: "room.endSession", label: "room.endSessionFor" },
  { action: "start-over", text: "room.startOver", label: "room.startOverFor" },
];

/** One trainee; drawn again only when their row changed (the store keeps unchanged rows as they were). */
const TraineeRow = memo(function TraineeRow({
  trainee,
  onLeft,
}: {
  trainee: RoomTrainee;
  onLeft: () => void;
}) {
  const { t, i18n } = useTranslation();
  const busy = useRoom((s) => s.pending !== null);
  const act = useRoom((s) => s.act);
  const row = useRef<HTMLTableRowElement>(null);
  const waiting = trainee.practice.items.some((item) => item.pending && !item.done);
  const last = trainee.lastActivityRealAt ?? trainee.lastActivityAt;
  // Unlock only a locked trainee, end only a live session: the others are there but say they do nothing now.
  const applies = (action: RoomTraineeAction) =>
    action === "unlock" ? trainee.lockedUntil !== null : action === "end-session" ? trainee.signedIn : true;

  return (
    <tr ref={row} data-user-id={trainee.userId} data-step={trainee.step}>
      <th scope="row">
        <span className="room-user-id">{trainee.userId}</span>
        <span className="room-name">
          {trainee.displayName}
          {trainee.role === "da" ? <span className="tag">{t("admin.roles.da")}</span> : null}
        </span>
      </th>
      <td>{trainee.participant}</td>
      <td className={trainee.signedIn ? "room-signed-in" : undefined}>
        {t(trainee.signedIn ? "room.signedIn" : "room.notSignedIn")}
      </td>
      <td>
        <LockedUntil lockedUntil={trainee.lockedUntil} />
      </td>
      <td>{t(`room.steps.${trainee.step}`)}</td>
      <td>
        {t("room.practiceDone", { done: trainee.practice.done, applicable: trainee.practice.applicable })}
        {waiting ? <span className="tag tag-pending">{t("room.practiceWaiting")}</span> : null}
      </td>
      <td>
        <time dateTime={last}>{formatDateTime(last, i18n.language)}</time>
      </td>
      <td>
        <div className="row-actions">
          {actions.map(({ action, text, label }) => (
            <button
              key={action}
              type="button"
              className="secondary"
              aria-label={t(label, { userId: trainee.userId })}
              aria-disabled={busy || !applies(action)}
              onClick={() => {
                if (busy || !applies(action)) return;
                void act(trainee.userId, action).then(() => {
                  // A trainee started over leaves the room: focus goes back to the top of the screen.
                  if (!row.current?.isConnected) onLeft();
                });
              }}
            >
              {t(text)}
            </button>
          ))}
        </div>
      </td>
    </tr>
  );
});
