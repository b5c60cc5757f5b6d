import { adminMethods } from "./admin.js";
import { appEvents, appMethods } from "./app.js";
import { authMethods, sessionViewSchema } from "./auth.js";
import { connectivityEvents, connectivityMethods } from "./connectivity.js";
import { event, type EventSpec, type MethodSpec } from "./define.js";
import type { EventName, MethodName } from "./names.js";
import { networkMethods } from "./network.js";
import { practiceMethods } from "./practice.js";
import { practiceCardMethods } from "./practice-card.js";
import { readinessMethods } from "./readiness.js";
import { rehearsalMethods } from "./rehearsal.js";
import { roomMethods } from "./room.js";
import { sessionMethods } from "./session.js";
import { smartcardEvents, smartcardMethods } from "./smartcard.js";

/**
 * The one contract between the UI and the main process. The preload's
 * `window.ccms`, the IPC handlers, the browser shell's HTTP routes and the
 * renderer's bridge are all derived from this table and the names in
 * `names.ts`: add a method's name there and its schemas here, and every shell
 * carries it.
 */
export const methods = {
  ...appMethods,
  ...authMethods,
  ...adminMethods,
  ...sessionMethods,
  ...readinessMethods,
  ...connectivityMethods,
  ...smartcardMethods,
  ...networkMethods,
  ...practiceCardMethods,
  ...rehearsalMethods,
  ...practiceMethods,
  ...roomMethods,
} satisfies Record<MethodName, MethodSpec>;

export const events = {
  /** The signed-in session changed: signed in, locked or unlocked, its expiry moved, or it ended (and why). */
  "session.changed": event(sessionViewSchema),
  ...connectivityEvents,
  ...smartcardEvents,
  ...appEvents,
} satisfies Record<EventName, EventSpec>;

export type Methods = typeof methods;
export type Events = typeof events;

/** The tables' keys are exactly the names of `names.ts`, no more (spreads escape `satisfies`'s check). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatch: Same<keyof Methods, MethodName> & Same<keyof Events, EventName> = true;
void namesMatch;
