import { create } from "zustand";
import type { SessionView } from "../../../shared/contract/auth.js";
import type { SessionInfo } from "../../../shared/wire/authn.js";
import { ccms } from "../../bridge/index.js";
import { useNav, type Screen } from "../../app/nav-store.js";

interface SessionState {
  session: SessionInfo | null;
  signedIn: (session: SessionInfo) => void;
  signedOut: () => void;
  /** Asks the main process for the session (after a page reload, or back on the desktop) and opens the desktop if there is one. */
  restore: () => Promise<void>;
  /** Follows `session.changed` from the main process; returns the unsubscribe. */
  follow: () => () => void;
}

/** Screens that belong to a signed-in session: leaving the session leaves them. */
const sessionScreens: ReadonlySet<Screen> = new Set<Screen>(["desktop", "admin"]);

export const useSession = create<SessionState>()((set, get) => {
  const apply = (view: SessionView) => {
    const wasSignedIn = get().session !== null;
    set({ session: view.session });
    const nav = useNav.getState();
    if (view.session && !sessionScreens.has(nav.screen)) nav.go("desktop");
    if (!view.session && wasSignedIn && sessionScreens.has(nav.screen)) nav.go("login", "sessionEnded");
  };

  return {
    session: null,
    signedIn: (session) => set({ session }),
    signedOut: () => set({ session: null }),
    restore: async () => {
      try {
        const view = await (await ccms()).auth.session({});
        if (view.session) apply(view);
      } catch {
        // Not signed in, or the server cannot say: the login screen is the right place.
      }
    },
    follow: () => {
      let stopped = false;
      let unsubscribe = () => {};
      void ccms().then((api) => {
        if (!stopped) unsubscribe = api.on["session.changed"](apply);
      });
      return () => {
        stopped = true;
        unsubscribe();
      };
    },
  };
});
