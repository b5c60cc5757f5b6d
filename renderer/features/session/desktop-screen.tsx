import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFocusOnMount } from "../../ui/focus.js";
import { formatDuration, msUntil, useNow } from "../../ui/time.js";
import { useAuth } from "../auth/auth-store.js";
import { AdminTile } from "../admin/admin-tile.js";
import { ReadinessTile } from "../readiness/readiness-tile.js";
import { useNav } from "../../app/nav-store.js";
import { useLock } from "./lock-store.js";
import { RecentSignIns } from "./recent-sign-ins.js";
import { useSession } from "./session-store.js";
import { UserGuideLink } from "./user-guide-link.js";
import "./session.css";

const PracticeChecklist = lazy(() => import("../practice/practice-checklist.js"));

/** The simulated CCMS desktop a signed-in user lands on. */
export function DesktopScreen() {
  const { t } = useTranslation();
  const session = useSession((s) => s.session);
  const signOut = useAuth((s) => s.signOut);
  const pending = useAuth((s) => s.pending);
  const lock = useLock((s) => s.lock);
  const go = useNav((s) => s.go);
  const offset = useSession((s) => s.serverOffsetMs);
  const now = useNow(offset);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const restore = useSession((s) => s.restore);

  // Back from another screen (the DA's functions, say), the session's expiry may have moved on the server.
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    let live = true;
    void restore().finally(() => {
      if (live) setRestored(true);
    });
    return () => {
      live = false;
    };
  }, [restore]);

  if (!session) return null;
  const idle = Date.parse(session.idleExpiresAt);
  const absolute = Date.parse(session.absoluteExpiresAt);
  const expiresAt = new Date(Math.min(idle, absolute)).toISOString();
  const left = msUntil(expiresAt, now) ?? 0;

  return (
    // Busy until the server has answered for the session (a call that extends it there).
    <section className="desktop" aria-labelledby="desktop-title" aria-busy={!restored}>
      <header className="desktop-header">
        <div>
          <h1 id="desktop-title" ref={headingRef} tabIndex={-1}>
            {t("desktop.title")} <span className="tag">{t("desktop.simulated")}</span>
          </h1>
          <p>{t("desktop.welcome", { name: session.displayName })}</p>
        </div>
        <dl className="session-facts">
          <div>
            <dt>{t("desktop.user")}</dt>
            <dd data-testid="session-user">
              {session.displayName} ({session.userId})
            </dd>
          </div>
          <div>
            <dt>{t("desktop.participant")}</dt>
            <dd data-testid="session-participant">
              {session.participant} · {session.participantName}
            </dd>
          </div>
          <div>
            <dt>{t("desktop.clearingHouse")}</dt>
            <dd data-testid="session-clearing-house">{session.clearingHouse}</dd>
          </div>
          <div>
            <dt>{t("desktop.sessionExpires")}</dt>
            <dd>
              <time role="timer" aria-live="off" dateTime={expiresAt}>
                {formatDuration(left)}
              </time>
            </dd>
          </div>
          <div>
            <dt>{t("desktop.signedInWith")}</dt>
            <dd>{t(`desktop.methods.${session.authMethod}`)}</dd>
          </div>
        </dl>
        <div className="desktop-actions">
          <button type="button" className="secondary" onClick={() => void lock()}>
            {t("desktop.lock")}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={pending !== null}
            onClick={() => void signOut()}
          >
            {pending === "signOut" ? t("desktop.signingOut") : t("desktop.signOut")}
          </button>
        </div>
      </header>
      <RecentSignIns />
      <h2 className="tiles-title">{t("desktop.functions")}</h2>
      <ul className="tiles">
        {session.role === "da" ? <AdminTile /> : null}
        {session.role === "da" ? <ReadinessTile /> : null}
        <li className="tile tile-connectivity">
          <button
            type="button"
            className="tile-open"
            aria-describedby="tile-connectivity-text"
            onClick={() => go("connectivity")}
          >
            {t("desktop.connectivity")}
          </button>
          <span id="tile-connectivity-text" className="tile-text">
            {t("desktop.connectivityText")}
          </span>
        </li>
      </ul>
      <UserGuideLink />
      <Suspense fallback={null}>
        <PracticeChecklist />
      </Suspense>
    </section>
  );
}
