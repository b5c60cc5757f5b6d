import { create } from "zustand";
import type { RehearsalView } from "../../../shared/contract/rehearsal.js";
import type { MomentRequest, RehearsalState } from "../../../shared/wire/rehearsal.js";
import { ccms } from "../../bridge/index.js";
import { toUiError, type UiError } from "../../ui/ui-error.js";
import { useSession } from "../session/session-store.js";
import { useSettings } from "../settings/settings-store.js";

export type RehearsalAction = "load" | "moment" | "situation" | "startOver" | "token" | "forget";

/** What the last change did, for the panel's status line. */
export type RehearsalDone =
  | { kind: "moment"; state: RehearsalState }
  | { kind: "situation"; name: string }
  | { kind: "startOver"; state: RehearsalState }
  | { kind: "tokenAccepted" }
  | { kind: "tokenForgotten" };

interface RehearsalStoreState {
  view: RehearsalView | null;
  open: boolean;
  pending: RehearsalAction | null;
  error: UiError | null;
  done: RehearsalDone | null;
  /** Reads what the app may do with the simulator in use (after start-up and every change of server). */
  load: () => Promise<void>;
  setOpen: (open: boolean) => void;
  setMoment: (request: MomentRequest) => Promise<void>;
  applySituation: (name: string) => Promise<void>;
  startOver: () => Promise<void>;
  setTrainerToken: (token: string) => Promise<boolean>;
  forgetTrainerToken: () => Promise<void>;
}

/** The trainer's controls of the simulator: every change goes to the main process, then to the simulator. */
export const useRehearsal = create<RehearsalStoreState>()((set, get) => {
  /** One change at a time; afterwards the banner, the session and the panel show the simulator as it now is. */
  const change = async (action: RehearsalAction, work: () => Promise<RehearsalDone>): Promise<boolean> => {
    if (get().pending) return false;
    set({ pending: action, error: null, done: null });
    try {
      const done = await work();
      set({ done });
      return true;
    } catch (error) {
      set({ error: toUiError(error) });
      return false;
    } finally {
      set({ pending: null });
      await Promise.all([useSettings.getState().refreshSimStatus(), useSession.getState().restore()]);
    }
  };
  const withState = (state: RehearsalState) => {
    const view = get().view;
    if (view && (view.access === "builtin" || view.access === "trainer")) set({ view: { ...view, state } });
  };

  return {
    view: null,
    open: false,
    pending: null,
    error: null,
    done: null,

    load: async () => {
      try {
        const view = await (await ccms()).rehearsal.state({});
        set({ view, ...(view.access === "builtin" || view.access === "trainer" ? {} : { open: false }) });
      } catch (error) {
        set({ view: null, open: false, error: toUiError(error) });
      }
    },

    setOpen: (open) => set({ open, ...(open ? {} : { done: null, error: null }) }),

    setMoment: async (request) => {
      await change("moment", async () => {
        const state = await (await ccms()).rehearsal.setMoment(request);
        withState(state);
        return { kind: "moment", state };
      });
    },

    applySituation: async (name) => {
      await change("situation", async () => {
        withState(await (await ccms()).rehearsal.applySituation({ name }));
        return { kind: "situation", name };
      });
    },

    startOver: async () => {
      await change("startOver", async () => {
        const state = await (await ccms()).rehearsal.startOver({});
        withState(state);
        return { kind: "startOver", state };
      });
    },

    setTrainerToken: (token) =>
      change("token", async () => {
        set({ view: await (await ccms()).rehearsal.setTrainerToken({ token }) });
        return { kind: "tokenAccepted" };
      }),

    forgetTrainerToken: async () => {
      await change("forget", async () => {
        set({ view: await (await ccms()).rehearsal.forgetTrainerToken({}), open: false });
        return { kind: "tokenForgotten" };
      });
    },
  };
});

/** The simulator's state when the app may change it, else null. */
export const controlledState = (view: RehearsalView | null): RehearsalState | null =>
  view && (view.access === "builtin" || view.access === "trainer") ? view.state : null;
