import { create } from "zustand";
import type { SessionPolicy } from "../../../shared/contract/session.js";
import { ccms } from "../../bridge/index.js";
import { toUiError, type UiError } from "../../ui/ui-error.js";
import { useSession } from "./session-store.js";

interface LockState {
  policy: SessionPolicy | null;
  pending: "lock" | "unlock" | null;
  error: UiError | null;
  loadPolicy: () => Promise<void>;
  /** Locks the terminal (the idle timer, or the person); what the session showed is dropped from the page. */
  lock: () => Promise<void>;
  /** True when the password unlocked it. */
  unlock: (password: string) => Promise<boolean>;
}

const hideListeners = new Set<() => void>();

/**
 * Registers what a feature drops when the terminal locks (lists of users, the readiness board), so the
 * locked page holds nothing of the session but who is signed in. Returns the unregister function.
 */
export function onSessionHidden(listener: () => void): () => void {
  hideListeners.add(listener);
  return () => hideListeners.delete(listener);
}

export const useLock = create<LockState>()((set, get) => ({
  policy: null,
  pending: null,
  error: null,
  loadPolicy: async () => {
    if (get().policy) return;
    try {
      set({ policy: await (await ccms()).session.policy({}) });
    } catch {
      // Without the policy the idle lock waits: the next sign-in asks again.
    }
  },
  lock: async () => {
    if (get().pending) return;
    set({ pending: "lock", error: null });
    try {
      const view = await (await ccms()).session.lock({});
      for (const hide of hideListeners) hide();
      useSession.getState().apply(view);
    } catch (error) {
      set({ error: toUiError(error) });
    } finally {
      set({ pending: null });
    }
  },
  unlock: async (password) => {
    if (get().pending) return false;
    set({ pending: "unlock", error: null });
    try {
      useSession.getState().apply(await (await ccms()).session.unlock({ password }));
      return true;
    } catch (error) {
      set({ error: toUiError(error) });
      return false;
    } finally {
      set({ pending: null });
    }
  },
}));

/** Hides what the session showed when the lock comes from elsewhere (another window of the app). */
useSession.subscribe((state, previous) => {
  if (state.locked && !previous.locked) for (const hide of hideListeners) hide();
  if (!state.locked && previous.locked) useLock.setState({ error: null });
});
