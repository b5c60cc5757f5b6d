import { create } from "zustand";
import type { Room, RoomTrainee, RoomTraineeAction } from "../../../shared/wire/room.js";
import type { Screen } from "../../app/nav-store.js";
import { ccms } from "../../bridge/index.js";
import { toUiError, type UiError } from "../../ui/ui-error.js";

/** How often the room is read again while it is on screen: a change shows within two seconds. */
export const ROOM_REFRESH_MS = 1000;

/** What the last action did, for the status line. */
export type RoomDone =
  | { kind: "unlocked"; userId: string; wasLocked: boolean }
  | { kind: "ended"; userId: string; count: number }
  | { kind: "startedOver"; userId: string };

interface RoomState {
  room: Room | null;
  /** When the room on screen was read (this computer's time). */
  readAt: number | null;
  error: UiError | null;
  /** The trainee and action under way. */
  pending: { userId: string; action: RoomTraineeAction } | null;
  done: RoomDone | null;
  /** The screen the room was opened from, to go back to. */
  returnTo: Screen;
  /** Shows the room and keeps it up to date until `stop`. */
  start: (returnTo?: Screen) => void;
  stop: () => void;
  refresh: () => Promise<void>;
  act: (userId: string, action: RoomTraineeAction) => Promise<boolean>;
}

let timer: ReturnType<typeof setTimeout> | null = null;
let reading: Promise<void> | null = null;
let running = false;

/**
 * Keeps the trainees whose row did not change as the very objects already drawn, so that only the rows
 * that changed draw again each second.
 */
function keepUnchanged(previous: Room | null, next: Room): Room {
  if (previous === null) return next;
  const before = new Map(previous.trainees.map((t) => [t.userId, t]));
  const same = (a: RoomTrainee | undefined, b: RoomTrainee) =>
    a !== undefined && JSON.stringify(a) === JSON.stringify(b);
  return {
    ...next,
    trainees: next.trainees.map((t) => {
      const old = before.get(t.userId);
      return old !== undefined && same(old, t) ? old : t;
    }),
  };
}

/** The trainer's view of the room, read again every second while it is shown. */
export const useRoom = create<RoomState>()((set, get) => {
  const schedule = () => {
    if (timer !== null) clearTimeout(timer);
    timer = running ? setTimeout(() => void get().refresh(), ROOM_REFRESH_MS) : null;
  };

  return {
    room: null,
    readAt: null,
    error: null,
    pending: null,
    done: null,
    returnTo: "login",

    start: (returnTo) => {
      running = true;
      set({ done: null, error: null, ...(returnTo ? { returnTo } : {}) });
      void get().refresh();
    },

    stop: () => {
      running = false;
      schedule();
    },

    refresh: async () => {
      // One read at a time: a slow answer is not overtaken by the next one.
      reading ??= (async () => {
        try {
          const room = await (await ccms()).room.view({});
          set({ room: keepUnchanged(get().room, room), readAt: Date.now(), error: null });
        } catch (error) {
          set({ error: toUiError(error) });
        } finally {
          reading = null;
          schedule();
        }
      })();
      await reading;
    },

    act: async (userId, action) => {
      if (get().pending !== null) return false;
      set({ pending: { userId, action }, error: null, done: null });
      try {
        const api = (await ccms()).room;
        let done: RoomDone;
        if (action === "unlock") {
          const result = await api.unlock({ userId });
          done = { kind: "unlocked", userId: result.userId, wasLocked: result.wasLocked };
        } else if (action === "end-session") {
          const result = await api.endSession({ userId });
          done = { kind: "ended", userId: result.userId, count: result.ended };
        } else {
          const result = await api.startOver({ userId });
          done = { kind: "startedOver", userId: result.userId };
        }
        set({ done });
        return true;
      } catch (error) {
        set({ error: toUiError(error) });
        return false;
      } finally {
        set({ pending: null });
        await get().refresh();
      }
    },
  };
});
