import { create } from "zustand";
import type { PracticeCardDestination, PracticeCardInfo } from "../../../shared/contract/practice-card.js";
import { ccms } from "../../bridge/index.js";
import { toUiError, type UiError } from "../../ui/ui-error.js";
import { useSmartcard } from "./smartcard-store.js";

interface PracticeCardState {
  info: PracticeCardInfo | null;
  pending: boolean;
  error: UiError | null;
  /** Where the last practice card went, for the screen to say. */
  issued: { reader: string; userId: string } | null;
  load: () => Promise<void>;
  issue: (pin: string, into: PracticeCardDestination) => Promise<boolean>;
}

/** A practice card for the user signing in, issued by the simulator and put straight into a reader. */
export const usePracticeCard = create<PracticeCardState>()((set, get) => ({
  info: null,
  pending: false,
  error: null,
  issued: null,

  load: async () => {
    set({ issued: null, error: null });
    try {
      set({ info: await (await ccms()).smartcard.practiceCard({}) });
    } catch (error) {
      set({ info: null, error: toUiError(error) });
    }
  },

  issue: async (pin, into) => {
    if (get().pending) return false;
    set({ pending: true, error: null, issued: null });
    try {
      const result = await (await ccms()).smartcard.issuePracticeCard({ pin, into });
      useSmartcard.getState().showCardIn(result.reader, result.status);
      set({ issued: { reader: result.reader, userId: result.userId } });
      return true;
    } catch (error) {
      set({ error: toUiError(error) });
      return false;
    } finally {
      set({ pending: false });
    }
  },
}));
