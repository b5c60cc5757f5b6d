import { create } from "zustand";
import type { AdminUser, SetEmailResponse } from "../../../shared/wire/admin.js";
import { ccms } from "../../bridge/index.js";
import { toUiError, type UiError } from "../../ui/ui-error.js";
import { onSessionHidden } from "../session/lock-store.js";

/** What the status line says after a change; the screen puts it in words. */
export type AdminNotice =
  | { kind: "registered"; userId: string; maskedEmail: string; notified: boolean }
  | { kind: "unchanged"; userId: string }
  /** A DA's address: an application to HKEX, effective when HKEX processes it. */
  | { kind: "applied"; userId: string; maskedEmail: string; dueAt: string; late: boolean }
  | { kind: "unchangedApplied"; userId: string }
  | { kind: "unlocked"; userId: string; wasLocked: boolean }
  | { kind: "locked"; userId: string; sessionsEnded: number };

interface AdminState {
  participant: string | null;
  users: AdminUser[];
  loading: boolean;
  loaded: boolean;
  /** A failure of the list or of an unlock. */
  error: UiError | null;
  /** The user whose email form is open. */
  editing: string | null;
  saving: boolean;
  formError: UiError | null;
  /** The user being unlocked or locked. */
  unlocking: string | null;
  notice: AdminNotice | null;
  /** Starts afresh (no form, no notice) and loads the list. */
  open: () => Promise<void>;
  load: () => Promise<void>;
  /** Opens the email form of a user, or closes it (null). */
  edit: (userId: string | null) => void;
  /** Registers the email of the user being edited; true when it is saved. */
  saveEmail: (email: string) => Promise<boolean>;
  unlock: (userId: string) => Promise<boolean>;
  /** Locks the account until a DA unlocks it; the user's sessions end. */
  lock: (userId: string) => Promise<boolean>;
}

/**
 * What a registration (or a DA's application) did, for the status line. `before` is the user as the
 * list showed them: an application the list already had is the same one, nothing new was filed.
 */
function noticeOf(userId: string, result: SetEmailResponse, before: AdminUser | undefined): AdminNotice {
  const { application } = result;
  if (result.changed) {
    return {
      kind: "registered",
      userId,
      maskedEmail: result.user.maskedEmail ?? "",
      notified: result.notified.newAddress === "sent",
    };
  }
  if (application === null) return { kind: "unchanged", userId };
  if (before?.emailApplication?.submittedAt === application.submittedAt) {
    return { kind: "unchangedApplied", userId };
  }
  const { maskedEmail, dueAt, late } = application;
  return { kind: "applied", userId, maskedEmail, dueAt, late };
}

/** The DA's list of their participant's users and the changes made to it. */
const initial = {
  participant: null,
  users: [],
  loading: false,
  loaded: false,
  error: null,
  editing: null,
  saving: false,
  formError: null,
  unlocking: null,
  notice: null,
};

export const useAdmin = create<AdminState>()((set, get) => {
  const replace = (user: AdminUser) =>
    set({ users: get().users.map((each) => (each.userId === user.userId ? user : each)) });

  return {
    ...initial,
    open: async () => {
      set({ editing: null, formError: null, notice: null, error: null });
      await get().load();
    },
    load: async () => {
      if (get().loading) return;
      set({ loading: true, error: null });
      try {
        const { participant, users } = await (await ccms()).admin.listUsers({});
        set({ participant, users, loaded: true });
      } catch (error) {
        set({ error: toUiError(error) });
      } finally {
        set({ loading: false });
      }
    },
    edit: (userId) => {
      if (get().saving) return;
      set({ editing: userId, formError: null, ...(userId ? { notice: null } : {}) });
    },
    saveEmail: async (email) => {
      const userId = get().editing;
      if (userId === null || get().saving) return false;
      set({ saving: true, formError: null, notice: null });
      try {
        const before = get().users.find((user) => user.userId === userId);
        const result = await (await ccms()).admin.setEmail({ userId, email });
        replace(result.user);
        set({ editing: null, notice: noticeOf(userId, result, before) });
        return true;
      } catch (error) {
        set({ formError: toUiError(error) });
        return false;
      } finally {
        set({ saving: false });
      }
    },
    unlock: async (userId) => {
      if (get().unlocking !== null) return false;
      set({ unlocking: userId, error: null, notice: null });
      try {
        const result = await (await ccms()).admin.unlock({ userId });
        replace(result.user);
        set({ notice: { kind: "unlocked", userId, wasLocked: result.wasLocked } });
        return true;
      } catch (error) {
        set({ error: toUiError(error) });
        return false;
      } finally {
        set({ unlocking: null });
      }
    },
    lock: async (userId) => {
      if (get().unlocking !== null) return false;
      set({ unlocking: userId, error: null, notice: null });
      try {
        const result = await (await ccms()).admin.lock({ userId });
        replace(result.user);
        set({ notice: { kind: "locked", userId, sessionsEnded: result.sessionsEnded } });
        return true;
      } catch (error) {
        set({ error: toUiError(error) });
        return false;
      } finally {
        set({ unlocking: null });
      }
    },
  };
});

// A locked terminal keeps nothing of the participant's users on the page.
onSessionHidden(() => useAdmin.setState(initial));
