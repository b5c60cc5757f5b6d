import { create } from "zustand";

export const screens = [
  "login",
  "otp",
  "changePassword",
  "mailbox",
  "outcome",
  "methodChoice",
  "smartcard",
  "connectivity",
  "network",
  "desktop",
  "admin",
] as const;
export type Screen = (typeof screens)[number];

/** A notice shown on the next screen (e.g. after signing out); a key under `notice.`. */
export type Notice = "signedOut" | "sessionEnded";

interface NavState {
  screen: Screen;
  notice: Notice | null;
  go: (screen: Screen, notice?: Notice) => void;
}

/** Which screen is showing. Stores move it; components only read it (and go back or forward on a link). */
export const useNav = create<NavState>()((set) => ({
  screen: "login",
  notice: null,
  go: (screen, notice) => set({ screen, notice: notice ?? null }),
}));
