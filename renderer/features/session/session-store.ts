import { create } from "zustand";
import type { SessionView } from "../../../shared/contract/auth.js";
import { SERVER_CLOCK_DRIFT_MS } from "../../../shared/server-clock.js";
import type { SessionInfo } from "../../../shared/wire/authn.js";
import type { SessionEndedDetails } from "../../../shared/wire/session.js";
import { ccms } from "../../bridge/index.js";
import { useNav, type Notice, type Screen } from "../../app/nav-store.js";

interface SessionState {
  session: SessionInfo | null;
  /** The terminal is locked: only the lock screen shows. */
  locked: boolean;
  /** Server time minus this computer's, from the last word about the session (a simulator's clock may be anywhere). */
  serverOffsetMs: number;
  signedIn: (session: SessionInfo) => void;
  signedOut: () => void;
  /** Takes the main process's word about the session: signed in, locked or not, or ended (and why). */
  apply: (view: SessionView) => void;
  /** Asks the main process for the session (after a page reload, or back on the desktop) and opens the desktop if there is one. */
  restore: () => Promise<void>;
  /** Follows `session.changed` from the main process; returns the unsubscribe. */
  follow: () => () => void;
  /** Asks the main process for the session and takes its word where the page's differs (an event that went astray). */
  resync: () => Promise<void>;
}

/** The main process's view says something the page does not know: the session, its lock, its expiry, or the server's clock. */
function differs(state: SessionState, view: SessionView): boolean {
  const { session, locked, serverOffsetMs } = state;
  if ((view.session === null) !== (session === null) || view.locked !== locked) return true;
  if (
    view.session !== null &&
    session !== null &&
    (view.session.idleExpiresAt !== session.idleExpiresAt ||
      view.session.absoluteExpiresAt !== session.absoluteExpiresAt)
  ) {
    return true;
  }
  return (
    view.serverTime !== undefined &&
    Math.abs(Date.parse(view.serverTime) - Date.now() - serverOffsetMs) > SERVER_CLOCK_DRIFT_MS
  );
}

/** Screens that belong to a signed-in session: leaving the session leaves them. */
const sessionScreens: ReadonlySet<Screen> = new Set<Screen>([
  "desktop",
  "admin",
  "readiness",
  "connectivity",
]);

/** The sign-in screen's sentence for a session the server ended, with its figure (the limit that ended it). */
function endedNotice(ended: SessionEndedDetails | undefined): [Notice, Record<string, number>] {
  if (!ended) return ["sessionEnded", {}];
  const minutes = ended.limitMinutes ?? 0;
  const count = ended.reason === "absolute" ? Math.round((minutes / 60) * 10) / 10 : minutes;
  return [`ended.${ended.reason}`, { count }];
}

export const useSession = create<SessionState>()((set, get) => ({
  session: null,
  locked: false,
  serverOffsetMs: 0,
  // Just issued: its issue time is the server's now, near enough until the main process says more.
  signedIn: (session) =>
    set({ session, locked: false, serverOffsetMs: Date.parse(session.issuedAt) - Date.now() }),
  signedOut: () => set({ session: null, locked: false }),
  apply: (view) => {
    const wasSignedIn = get().session !== null;
    set({
      session: view.session,
      locked: view.session !== null && view.locked,
      ...(view.serverTime ? { serverOffsetMs: Date.parse(view.serverTime) - Date.now() } : {}),
    });
    const nav = useNav.getState();
    if (view.session && !sessionScreens.has(nav.screen)) nav.go("desktop");
    if (!view.session && wasSignedIn && sessionScreens.has(nav.screen)) {
      // Signed out in this window: its own sign-out already chose the screen and the notice.
      if (view.ended?.reason === "signed-out" && nav.notice === "signedOut") return;
      nav.go("login", ...endedNotice(view.ended));
    }
  },
  restore: async () => {
    try {
      const view = await (await ccms()).auth.session({});
      if (view.session) get().apply(view);
    } catch {
      // Not signed in, or the server cannot say: the login screen is the right place.
    }
  },
  resync: async () => {
    const view = await (await ccms()).session.current({});
    if (differs(get(), view)) get().apply(view);
  },
  follow: () => {
    let stopped = false;
    let unsubscribe = () => {};
    void ccms().then((api) => {
      if (!stopped) unsubscribe = api.on["session.changed"]((view) => get().apply(view));
    });
    return () => {
      stopped = true;
      unsubscribe();
    };
  },
}));
