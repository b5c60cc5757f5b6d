import { create } from "zustand";
import type { MailMessage } from "../../../shared/wire/control.js";
import { ccms } from "../../bridge/index.js";
import { toUiError, type UiError } from "../../ui/ui-error.js";

interface MailboxState {
  messages: MailMessage[];
  loading: boolean;
  loaded: boolean;
  error: UiError | null;
  /** Opens the mailbox of the sign-in in progress: nothing of an earlier sign-in shows while it loads. */
  open: () => Promise<void>;
  refresh: () => Promise<void>;
}

export const useMailbox = create<MailboxState>()((set, get) => ({
  messages: [],
  loading: false,
  loaded: false,
  error: null,
  open: () => {
    set({ messages: [], loaded: false });
    return get().refresh();
  },
  refresh: async () => {
    if (get().loading) return;
    set({ loading: true, error: null });
    try {
      const { messages } = await (await ccms()).mailbox.list({});
      set({ messages: [...messages].reverse(), loaded: true });
    } catch (error) {
      set({ error: toUiError(error) });
    } finally {
      set({ loading: false });
    }
  },
}));
