/**
 * The names of the contract's methods and events, and the channels and routes derived from them. Imports
 * nothing (no schema library), so the preload carries only this; the schema table (`index.ts`) is keyed
 * by exactly these names, and the type checker holds the two to the same list.
 */
export const methodNames = [
  "app.info",
  "app.setServer",
  "app.forgetUserId",
  "app.simStatus",
  "app.reportError",
  "auth.begin",
  "auth.verifyOtp",
  "auth.resendOtp",
  "auth.changePassword",
  "auth.chooseFactor",
  "auth.cancel",
  "auth.session",
  "auth.signOut",
  "mailbox.list",
  "admin.listUsers",
  "admin.setEmail",
  "admin.unlock",
  "admin.lock",
  "session.policy",
  "session.current",
  "session.lock",
  "session.unlock",
  "session.recentSignIns",
  "readiness.board",
  "readiness.uploadReport",
  "readiness.sendResult",
  "connectivity.run",
  "connectivity.history",
  "connectivity.get",
  "connectivity.report",
  "smartcard.status",
  "smartcard.inspect",
  "smartcard.signIn",
  "smartcard.insertSimulated",
  "smartcard.removeSimulated",
  "network.view",
  "network.setProxy",
  "network.setCredentials",
  "network.forgetCredentials",
  "smartcard.practiceCard",
  "smartcard.issuePracticeCard",
  "rehearsal.state",
  "rehearsal.setMoment",
  "rehearsal.applySituation",
  "rehearsal.startOver",
  "rehearsal.setTrainerToken",
  "rehearsal.forgetTrainerToken",
  "practice.checklist",
  "room.view",
  "room.unlock",
  "room.endSession",
  "room.startOver",
] as const;
export type MethodName = (typeof methodNames)[number];

export const eventNames = [
  "session.changed",
  "connectivity.step",
  "connectivity.done",
  "smartcard.status",
  "smartcard.progress",
  "app.menuCommand",
] as const;
export type EventName = (typeof eventNames)[number];

const methodSet: ReadonlySet<string> = new Set(methodNames);
const eventSet: ReadonlySet<string> = new Set(eventNames);

export const isMethodName = (name: string): name is MethodName => methodSet.has(name);
export const isEventName = (name: string): name is EventName => eventSet.has(name);

/** The IPC channel of a method or event: derived, never written by hand. */
export const ipcChannel = (name: MethodName | EventName): string => `ccms:${name}`;
/** The browser shell's route of a method. */
export const httpRoute = (name: MethodName): string => `/api/${name}`;
