import { adminMethods } from "./admin.js";
import { appMethods } from "./app.js";
import { authMethods, sessionViewSchema } from "./auth.js";
import { connectivityEvents, connectivityMethods } from "./connectivity.js";
import { event, type EventSpec, type MethodSpec } from "./define.js";
import { practiceMethods } from "./practice.js";
import { practiceCardMethods } from "./practice-card.js";
import { rehearsalMethods } from "./rehearsal.js";
import { smartcardEvents, smartcardMethods } from "./smartcard.js";

/**
 * The one contract between the UI and the main process. The preload's
 * `window.ccms`, the IPC handlers, the browser shell's HTTP routes and the
 * renderer's bridge are all derived from this table: add a feature's methods
 * here and every shell carries them.
 */
export const methods = {
  ...appMethods,
  ...authMethods,
  ...adminMethods,
  ...connectivityMethods,
  ...smartcardMethods,
  ...practiceCardMethods,
  ...rehearsalMethods,
  ...practiceMethods,
} satisfies Record<string, MethodSpec>;

export const events = {
  /** The signed-in session changed: signed in, signed out, or expired on the server. */
  "session.changed": event(sessionViewSchema),
  ...connectivityEvents,
  ...smartcardEvents,
} satisfies Record<string, EventSpec>;

export const contract = { methods, events } as const;
export type Methods = typeof methods;
export type Events = typeof events;
export type MethodName = keyof Methods & string;
export type EventName = keyof Events & string;
export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];
