import { create } from "zustand";
import type { AppInfo, ServerProfile } from "../../../shared/contract/app.js";
import type { SimStatus } from "../../../shared/wire/control.js";
import { ccms } from "../../bridge/index.js";
import { toUiError, type UiError } from "../../ui/ui-error.js";

interface SettingsState {
  info: AppInfo | null;
  simStatus: SimStatus | null;
  /** Simulated time minus this computer's time, so countdowns follow the server's clock. */
  clockOffsetMs: number;
  error: UiError | null;
  /** Whether `load` has finished (the server in use and the simulator's status drawn, or its failure). */
  loaded: boolean;
  /** Reads the app info (following the built-in simulator's start) and then the simulator's status. */
  load: () => Promise<void>;
  refreshSimStatus: () => Promise<void>;
  /** Switches the server when the profile differs from the one in use; resolves false on failure. */
  applyServer: (profile: ServerProfile) => Promise<boolean>;
  /** "Not you?": forgets the user ID remembered for the server in use. */
  forgetUserId: () => Promise<void>;
}

const STARTING_POLL_MS = 250;

export const useSettings = create<SettingsState>()((set, get) => ({
  info: null,
  simStatus: null,
  clockOffsetMs: 0,
  error: null,
  loaded: false,

  load: async () => {
    try {
      const api = await ccms();
      let info = await api.app.info({});
      set({ info, error: null });
      // The built-in simulator starts in its own process beside the page: follow it until it is up (or failed).
      while (info.server.starting) {
        await new Promise((resolve) => setTimeout(resolve, STARTING_POLL_MS));
        info = await api.app.info({});
        set({ info });
      }
      await get().refreshSimStatus();
    } catch (error) {
      set({ error: toUiError(error) });
    } finally {
      set({ loaded: true });
    }
  },

  refreshSimStatus: async () => {
    try {
      const { status } = await (await ccms()).app.simStatus({});
      set({ simStatus: status, clockOffsetMs: status ? Date.parse(status.now) - Date.now() : 0 });
    } catch {
      set({ simStatus: null, clockOffsetMs: 0 });
    }
  },

  forgetUserId: async () => {
    try {
      set({ info: await (await ccms()).app.forgetUserId({}), error: null });
    } catch (error) {
      set({ error: toUiError(error) });
    }
  },

  applyServer: async (profile) => {
    const current = get().info;
    if (current && sameProfile(current, profile)) return true;
    try {
      const info = await (await ccms()).app.setServer(profile);
      set({ info, error: null });
      await get().refreshSimStatus();
      return true;
    } catch (error) {
      set({ error: toUiError(error) });
      return false;
    }
  },
}));

/** Re-applying the profile in use would restart the server connection and end a session: skip it. */
function sameProfile(info: AppInfo, profile: ServerProfile): boolean {
  if (profile.kind === "builtin") return info.server.profile === "builtin";
  return (
    info.server.profile === "custom" &&
    info.server.url === profile.url &&
    info.server.caFile === (profile.caFile ?? null)
  );
}
