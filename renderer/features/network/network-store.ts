import { create } from "zustand";
import type { KeychainView, NetworkView, ProxySetting } from "../../../shared/contract/network.js";
import { ccms } from "../../bridge/index.js";
import { toUiError, type UiError } from "../../ui/ui-error.js";

/** The proxy credentials dialog: which proxy asks, and whether it refused the ones it had. */
export interface CredentialsPrompt {
  proxy: string;
  refused: boolean;
  keychain: KeychainView;
}

interface NetworkState {
  view: NetworkView | null;
  error: UiError | null;
  saving: boolean;
  /** Set while the credentials dialog is open. */
  prompt: CredentialsPrompt | null;
  /** Whether a proxy ever asked in this page (the dialog's code loads then). */
  asked: boolean;
  promptError: UiError | null;
  load: () => Promise<void>;
  setProxy: (setting: ProxySetting) => Promise<boolean>;
  forget: (proxy: string) => Promise<void>;
  /** The bridge's recovery: a proxy's 407 opens the dialog; resolves true once credentials are given. */
  recover: (error: unknown, method: string) => Promise<boolean>;
  submitCredentials: (username: string, password: string, remember: boolean) => Promise<void>;
  cancelPrompt: () => void;
}

const askingCodes = new Set(["PROXY_AUTH_REQUIRED", "PROXY_AUTH_FAILED"]);
/** Calls made in the background, for decoration: a failure there never opens a dialog. */
const quietMethods = new Set(["app.simStatus"]);

export const useNetwork = create<NetworkState>()((set, get) => {
  let answer: ((retry: boolean) => void) | null = null;
  let asking: Promise<boolean> | null = null;

  const close = (retry: boolean) => {
    const resolve = answer;
    answer = null;
    asking = null;
    set({ prompt: null, promptError: null });
    resolve?.(retry);
  };

  return {
    view: null,
    error: null,
    saving: false,
    prompt: null,
    promptError: null,
    asked: false,

    load: async () => {
      try {
        set({ view: await (await ccms()).network.view({}), error: null });
      } catch (error) {
        set({ error: toUiError(error) });
      }
    },

    setProxy: async (setting) => {
      set({ saving: true, error: null });
      try {
        set({ view: await (await ccms()).network.setProxy(setting) });
        return true;
      } catch (error) {
        set({ error: toUiError(error) });
        return false;
      } finally {
        set({ saving: false });
      }
    },

    forget: async (proxy) => {
      try {
        set({ view: await (await ccms()).network.forgetCredentials({ proxy }), error: null });
      } catch (error) {
        set({ error: toUiError(error) });
      }
    },

    recover: (error, method) => {
      const failure = toUiError(error);
      const proxy = failure.details?.["proxy"];
      if (!askingCodes.has(failure.code) || typeof proxy !== "string" || quietMethods.has(method)) {
        return Promise.resolve(false);
      }
      // Several calls waiting on the same proxy share one dialog.
      if (asking) return asking;
      asking = (async () => {
        let keychain: KeychainView = { available: false, reason: null, cause: null };
        try {
          keychain = (await (await ccms()).network.view({})).keychain;
        } catch {
          // Without an answer, the dialog offers no remembering.
        }
        set({
          prompt: { proxy, refused: failure.code === "PROXY_AUTH_FAILED", keychain },
          promptError: null,
          asked: true,
        });
        return new Promise<boolean>((resolve) => (answer = resolve));
      })();
      return asking;
    },

    submitCredentials: async (username, password, remember) => {
      const prompt = get().prompt;
      if (!prompt) return;
      try {
        await (
          await ccms()
        ).network.setCredentials({
          proxy: prompt.proxy,
          username,
          password,
          remember: remember && prompt.keychain.available,
        });
      } catch (error) {
        set({ promptError: toUiError(error) });
        return;
      }
      close(true);
      void get().load();
    },

    cancelPrompt: () => close(false),
  };
});
