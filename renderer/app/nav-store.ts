import type { SessionEndReason } from "../../shared/wire/session.js";
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
  "readiness",
  "room",
] as const;
export type Screen = (typeof screens)[number];

/**
 * A notice shown on the next screen (e.g. after signing out); a key under `notice.`. A session the
 * server ended says why: `ended.<reason>` (see shared/wire/session.ts).
 */
export type Notice = "signedOut" | "sessionEnded" | `ended.${SessionEndReason}`;

interface NavState {
  screen: Screen;
  notice: Notice | null;
  /** The figures the notice's sentence needs (a time limit, say). */
  noticeValues: Record<string, string | number>;
  go: (screen: Screen, notice?: Notice, noticeValues?: Record<string, string | number>) => void;
}

/** Which screen is showing. Stores move it; components only read it (and go back or forward on a link). */
export const useNav = create<NavState>()((set) => ({
  screen: "login",
  notice: null,
  noticeValues: {},
  go: (screen, notice, noticeValues) =>
    set({ screen, notice: notice ?? null, noticeValues: noticeValues ?? {} }),
}));
