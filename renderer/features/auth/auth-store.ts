import { create } from "zustand";
import type { AuthView } from "../../../shared/contract/auth.js";
import { acceptsFrom, type StepRequest } from "../../../shared/wire/authn-states.js";
import type { Factor } from "../../../shared/wire/authn.js";
import { ccms } from "../../bridge/index.js";
import { useNav } from "../../app/nav-store.js";
import { toUiError, type UiError } from "../../ui/ui-error.js";
import { useSession } from "../session/session-store.js";
import { useSettings } from "../settings/settings-store.js";
import { restartCodes, screenFor } from "./routing.js";

export type AuthAction = "password" | "changePassword" | "otp" | "resend" | "factor" | "cancel" | "signOut";

interface AuthState {
  view: AuthView | null;
  /** The action in flight; while set, every other action is refused (no double submit). */
  pending: AuthAction | null;
  error: UiError | null;
  /** A new code was sent by Resend. */
  resent: boolean;
  userId: string;
  /**
   * Starts a sign-in. `prepare` runs first, as part of it (a change of server, say): while it runs
   * the sign-in is already pending, so a second click starts nothing; false from it stops there.
   */
  submitPassword: (userId: string, password: string, prepare?: () => Promise<boolean>) => Promise<void>;
  /** From PASSWORD_EXPIRED: the new password (its confirmation is the screen's business). */
  changePassword: (newPassword: string) => Promise<void>;
  verifyOtp: (otp: string) => Promise<void>;
  resend: () => Promise<void>;
  chooseFactor: (factor: Factor) => Promise<void>;
  /** Leaves the login in progress and returns to the login screen. */
  back: () => Promise<void>;
  signOut: () => Promise<void>;
  /** Shows a login state reached elsewhere (e.g. by the smartcard screen). */
  applyView: (view: AuthView) => void;
  clearError: () => void;
}

export const useAuth = create<AuthState>()((set, get) => {
  /**
   * Runs one action at a time, recording its failure as an error code. A step of
   * the sign-in runs only from a state that accepts it (`from`); from any other
   * it fails at once with WRONG_STATE, as the server would answer.
   */
  const run = async (action: AuthAction, work: () => Promise<void>, from?: StepRequest): Promise<void> => {
    if (get().pending) return;
    const view = get().view;
    if (from !== undefined && !(view && acceptsFrom(from, view.state))) {
      set({ error: { code: "WRONG_STATE" }, resent: false });
      return;
    }
    set({ pending: action, error: null, resent: false });
    try {
      await work();
    } catch (error) {
      const failure = toUiError(error);
      set({ error: failure });
      if (restartCodes.has(failure.code) && action !== "password") {
        set({ view: null });
        useNav.getState().go("login");
      }
    } finally {
      set({ pending: null });
    }
  };

  const show = (view: AuthView) => {
    set({ view });
    if (view.state === "SUCCESS") useSession.getState().signedIn(view.session);
    useNav.getState().go(screenFor(view));
  };

  return {
    view: null,
    pending: null,
    error: null,
    resent: false,
    userId: "",

    submitPassword: (userId, password, prepare) =>
      run("password", async () => {
        if (prepare && !(await prepare())) return;
        set({ userId });
        const view = await (await ccms()).auth.begin({ userId, password });
        // The simulated clock may be set to another date: countdowns follow it.
        await useSettings.getState().refreshSimStatus();
        show(view);
      }),

    changePassword: (newPassword) =>
      run(
        "changePassword",
        async () => show(await (await ccms()).auth.changePassword({ newPassword })),
        "changePassword",
      ),

    verifyOtp: (otp) =>
      run("otp", async () => show(await (await ccms()).auth.verifyOtp({ otp })), "verifyOtp"),

    resend: () =>
      run(
        "resend",
        async () => {
          const view = await (await ccms()).auth.resendOtp({});
          show(view);
          set({ resent: true });
        },
        "resendOtp",
      ),

    chooseFactor: (factor) =>
      run("factor", async () => show(await (await ccms()).auth.chooseFactor({ factor })), "factor"),

    back: () =>
      run("cancel", async () => {
        try {
          await (await ccms()).auth.cancel({});
        } finally {
          set({ view: null });
          useNav.getState().go("login");
        }
      }),

    signOut: () =>
      run("signOut", async () => {
        try {
          await (await ccms()).auth.signOut({});
        } finally {
          set({ view: null });
          useSession.getState().signedOut();
          useNav.getState().go("login", "signedOut");
        }
      }),

    applyView: show,
    clearError: () => set({ error: null }),
  };
});
