import { DEFAULT_IDLE_LOCK_MINUTES } from "../../../shared/contract/session.js";
import type { HostContext } from "../context.js";
import type { Handlers } from "../dispatch.js";

type SessionMethod =
  "session.policy" | "session.current" | "session.lock" | "session.unlock" | "session.recentSignIns";

/** The warning before the server's idle or absolute limit comes this long before it. */
const WARN_BEFORE_MS = 2 * 60_000;

/** The session as a terminal's: its idle lock, unlocking with the password, recent sign-ins. */
export function sessionHandlers(ctx: HostContext): Pick<Handlers, SessionMethod> {
  return {
    "session.policy": async () => ({
      idleLockMinutes:
        ctx.config.idleLockMinutes ?? ctx.settings.load().idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES,
      warnBeforeMs: WARN_BEFORE_MS,
    }),
    "session.current": async () => ctx.auth().current(),
    "session.lock": async () => ctx.auth().lock(),
    "session.unlock": (input) => ctx.auth().unlock(input),
    "session.recentSignIns": () => ctx.auth().recentSignIns(),
  };
}
