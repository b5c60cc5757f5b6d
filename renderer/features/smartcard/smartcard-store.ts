import { create } from "zustand";
import type { AuthView } from "../../../shared/contract/auth.js";
import type { SignInProgress, SmartcardStatus } from "../../../shared/contract/smartcard.js";
import { ccms } from "../../bridge/index.js";
import { toUiError, type UiError } from "../../ui/ui-error.js";

export type SmartcardAction = "load" | "inspect" | "signIn" | "insert" | "remove";

interface SmartcardState {
  status: SmartcardStatus | null;
  reader: string | null;
  /** PIN tries left on the card in the chosen reader (null: unknown or no card). */
  triesLeft: number | null;
  step: SignInProgress["step"] | null;
  pending: SmartcardAction | null;
  error: UiError | null;
  /** Reads the readers and follows their changes; returns the unsubscribe. */
  follow: () => () => void;
  chooseReader: (reader: string) => Promise<void>;
  /** The card's answer: a login view (SUCCESS), or null after an error kept in `error`. */
  signIn: (pin: string) => Promise<AuthView | null>;
  insertSimulated: (cardFile: string) => Promise<void>;
  removeSimulated: () => Promise<void>;
  /** A card was just put in `reader` (a practice card): choose that reader and read its PIN tries afresh. */
  showCardIn: (reader: string, status: SmartcardStatus) => void;
  clearError: () => void;
}

/** The reader to use: the chosen one while it is there, else the first with a card, else the first. */
function pickReader(status: SmartcardStatus, current: string | null): string | null {
  if (current && status.readers.some((r) => r.name === current)) return current;
  return (status.readers.find((r) => r.cardPresent) ?? status.readers[0])?.name ?? null;
}

export const useSmartcard = create<SmartcardState>()((set, get) => {
  const applyStatus = (status: SmartcardStatus) => {
    const reader = pickReader(status, get().reader);
    const present = status.readers.find((r) => r.name === reader)?.cardPresent ?? false;
    const changed = reader !== get().reader || !present;
    set({ status, reader, ...(changed ? { triesLeft: null } : {}) });
    if (present && get().triesLeft === null && get().pending !== "signIn") void inspect();
  };

  const inspect = async () => {
    const reader = get().reader;
    if (!reader) return;
    try {
      const info = await (await ccms()).smartcard.inspect({ reader });
      if (get().reader === reader) set({ triesLeft: info.triesLeft });
    } catch (error) {
      // The card in the reader is not one we can read: say so next to the reader.
      if (get().reader === reader) set({ triesLeft: null, error: toUiError(error) });
    }
  };

  return {
    status: null,
    reader: null,
    triesLeft: null,
    step: null,
    pending: null,
    error: null,

    follow: () => {
      let stopped = false;
      const stops: Array<() => void> = [];
      void (async () => {
        const api = await ccms();
        if (stopped) return;
        stops.push(api.on["smartcard.status"](applyStatus));
        stops.push(api.on["smartcard.progress"]((progress) => set({ step: progress.step })));
        set({ pending: "load", error: null });
        try {
          applyStatus(await api.smartcard.status({}));
        } catch (error) {
          set({ error: toUiError(error) });
        } finally {
          set({ pending: null });
        }
      })();
      return () => {
        stopped = true;
        for (const stop of stops) stop();
      };
    },

    chooseReader: async (reader) => {
      set({ reader, triesLeft: null, error: null });
      const present = get().status?.readers.find((r) => r.name === reader)?.cardPresent ?? false;
      if (present) await inspect();
    },

    signIn: async (pin) => {
      const reader = get().reader;
      if (get().pending || !reader) return null;
      set({ pending: "signIn", error: null, step: null });
      try {
        const view = await (await ccms()).smartcard.signIn({ reader, pin });
        return view;
      } catch (error) {
        const failure = toUiError(error);
        const tries = failure.details?.["triesLeft"];
        set({ error: failure, ...(typeof tries === "number" ? { triesLeft: tries } : {}) });
        return null;
      } finally {
        set({ pending: null, step: null });
      }
    },

    insertSimulated: async (cardFile) => {
      if (get().pending) return;
      set({ pending: "insert", error: null });
      try {
        const status = await (await ccms()).smartcard.insertSimulated({ cardFile });
        const simulated = status.readers.find((r) => r.backend === "simulated");
        if (simulated) set({ reader: simulated.name, triesLeft: null });
        applyStatus(status);
      } catch (error) {
        set({ error: toUiError(error) });
      } finally {
        set({ pending: null });
      }
    },

    removeSimulated: async () => {
      if (get().pending) return;
      set({ pending: "remove", error: null });
      try {
        applyStatus(await (await ccms()).smartcard.removeSimulated({}));
      } catch (error) {
        set({ error: toUiError(error) });
      } finally {
        set({ pending: null });
      }
    },

    showCardIn: (reader, status) => {
      set({ reader, triesLeft: null, error: null });
      applyStatus(status);
    },

    clearError: () => set({ error: null }),
  };
});
