import { z } from "zod";
import { passwordSchema } from "../wire/authn.js";
import { recentSignInsSchema } from "../wire/session.js";
import { empty } from "./app.js";
import { sessionViewSchema } from "./auth.js";
import { method } from "./define.js";

/** Minutes without input before the terminal locks: from the flag, the settings file, or the default. */
export const DEFAULT_IDLE_LOCK_MINUTES = 10;
export const MIN_IDLE_LOCK_MINUTES = 0.05;
export const MAX_IDLE_LOCK_MINUTES = 480;
export const idleLockMinutesSchema = z.number().min(MIN_IDLE_LOCK_MINUTES).max(MAX_IDLE_LOCK_MINUTES);

/** What is wrong with `--idle-lock-minutes <text>`, or null. */
export function idleLockMinutesProblem(text: string): string | null {
  const value = Number(text);
  return /^\d+(\.\d+)?$/.test(text) && value >= MIN_IDLE_LOCK_MINUTES && value <= MAX_IDLE_LOCK_MINUTES
    ? null
    : `--idle-lock-minutes must be a number of minutes from ${MIN_IDLE_LOCK_MINUTES} to ${MAX_IDLE_LOCK_MINUTES}, got "${text}".`;
}

export const sessionPolicySchema = z.object({
  idleLockMinutes: idleLockMinutesSchema,
  /** How long before the server's idle or absolute limit the warning appears. */
  warnBeforeMs: z.number().int().positive(),
});
export type SessionPolicy = z.infer<typeof sessionPolicySchema>;

/**
 * The signed-in session as a terminal's: it locks when left alone (the page's idle timer asks), unlocks
 * with the password checked by the server, and shows the user's recent sign-ins.
 */
export const sessionMethods = {
  "session.policy": method(empty, sessionPolicySchema),
  /** What the main process knows of the session now, without asking the server (nothing is extended). */
  "session.current": method(empty, sessionViewSchema),
  /** Locks the terminal: until unlocked, the session's data calls are refused with SESSION_LOCKED. */
  "session.lock": method(empty, sessionViewSchema),
  /** INVALID_CREDENTIALS for a wrong password (it counts towards the lockout); a lockout ends the session. */
  "session.unlock": method(z.strictObject({ password: passwordSchema }), sessionViewSchema),
  "session.recentSignIns": method(empty, recentSignInsSchema),
};
