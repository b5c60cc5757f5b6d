import { useCallback, useEffect, useRef } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useNav } from "../../app/nav-store.js";
import { formatDate } from "../../ui/dates.js";
import { useFocusOnMount } from "../../ui/focus.js";
import { useSession } from "../session/session-store.js";
import { adminErrorText } from "./admin-error-text.js";
import { useAdmin, type AdminNotice } from "./admin-store.js";
import { EmailForm } from "./email-form.js";
import { UsersTable } from "./users-table.js";
import "./admin.css";

function noticeText(t: TFunction, notice: AdminNotice, language: string): string {
  switch (notice.kind) {
    case "applied": {
      const applied = t("admin.notice.applied", {
        userId: notice.userId,
        maskedEmail: notice.maskedEmail,
        due: formatDate(notice.dueAt, language),
      });
      return notice.late ? `${applied} ${t("admin.notice.late")}` : applied;
    }
    case "unchangedApplied":
      return t("admin.notice.unchangedApplied", { userId: notice.userId });
    case "registered":
      return `${t("admin.notice.registered", { userId: notice.userId, maskedEmail: notice.maskedEmail })} ${t(
        notice.notified ? "admin.notice.notified" : "admin.notice.notNotified",
      )}`;
    case "unchanged":
      return t("admin.notice.unchanged", { userId: notice.userId });
    case "unlocked":
      return t(notice.wasLocked ? "admin.notice.unlocked" : "admin.notice.wasNotLocked", {
        userId: notice.userId,
      });
    case "locked":
      return t("admin.notice.locked", { userId: notice.userId, count: notice.sessionsEnded });
  }
}

/** The Delegated Administrator's email registration: the participant's users, each email registered or not. */
export default function AdminScreen() {
  const { t, i18n } = useTranslation();
  const session = useSession((s) => s.session);
  const go = useNav((s) => s.go);
  const participant = useAdmin((s) => s.participant);
  const users = useAdmin((s) => s.users);
  const loading = useAdmin((s) => s.loading);
  const loaded = useAdmin((s) => s.loaded);
  const error = useAdmin((s) => s.error);
  const editing = useAdmin((s) => s.editing);
  const notice = useAdmin((s) => s.notice);
  const open = useAdmin((s) => s.open);
  const load = useAdmin((s) => s.load);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const isDa = session?.role === "da";

  useEffect(() => {
    if (isDa) void open();
  }, [isDa, open]);

  // After a form closes or an unlock, focus goes back to the row's email button, which stays in place.
  const focusRow = useCallback((userId: string) => buttons.current.get(userId)?.focus(), []);

  const buttonRef = useCallback((userId: string, button: HTMLButtonElement | null) => {
    if (button) buttons.current.set(userId, button);
    else buttons.current.delete(userId);
  }, []);

  if (!session) return null;
  const editedUser = users.find((user) => user.userId === editing) ?? null;

  return (
    <section className="card admin" aria-labelledby="admin-title">
      <h1 id="admin-title" ref={headingRef} tabIndex={-1}>
        {t("admin.title")}
      </h1>
      {isDa ? (
        <>
          <p className="intro">
            {t("admin.intro", { participant: `${session.participant} · ${session.participantName}` })}
          </p>
          <div className="actions">
            <button type="button" className="secondary" onClick={() => go("desktop")}>
              {t("admin.back")}
            </button>
            <button type="button" className="secondary" disabled={loading} onClick={() => void load()}>
              {loading ? t("admin.refreshing") : t("admin.refresh")}
            </button>
          </div>
          <div role="status" className={notice ? "notice admin-notice" : undefined}>
            {notice ? noticeText(t, notice, i18n.language) : null}
          </div>
          <div role="alert" className={error ? "alert alert-error" : "alert-empty"}>
            {error ? adminErrorText(t, error, i18n.language) : null}
          </div>
          <div aria-busy={loading}>
            {!loaded && loading ? <p className="hint">{t("admin.loading")}</p> : null}
            {loaded && users.length === 0 ? <p className="hint">{t("admin.empty")}</p> : null}
            {participant && users.length > 0 ? (
              <UsersTable
                participant={participant}
                users={users}
                buttonRef={buttonRef}
                onUnlocked={focusRow}
              />
            ) : null}
          </div>
          {editedUser ? <EmailForm key={editedUser.userId} user={editedUser} onClosed={focusRow} /> : null}
        </>
      ) : (
        <>
          <p>{t("admin.onlyDa")}</p>
          <button type="button" className="primary" onClick={() => go("desktop")}>
            {t("admin.back")}
          </button>
        </>
      )}
    </section>
  );
}
