import { create } from "zustand";
import type { PracticeView } from "../../../shared/contract/practice.js";
import { ccms } from "../../bridge/index.js";
import { toUiError, type UiError } from "../../ui/ui-error.js";

interface PracticeState {
  view: PracticeView | null;
  loading: boolean;
  error: UiError | null;
  /** Reads the checklist of the user practising from the simulator's audit log (the latest call wins). */
  load: () => Promise<void>;
}

let latest = 0;

export const usePractice = create<PracticeState>()((set) => ({
  view: null,
  loading: false,
  error: null,

  load: async () => {
    const call = ++latest;
    set({ loading: true, error: null });
    try {
      const view = await (await ccms()).practice.checklist({});
      if (call === latest) set({ view });
    } catch (error) {
      if (call === latest) set({ error: toUiError(error) });
    } finally {
      if (call === latest) set({ loading: false });
    }
  },
}));
