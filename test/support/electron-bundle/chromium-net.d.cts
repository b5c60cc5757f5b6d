// The types of chromium-net.cjs, as the stand-in `electron` module for vitest uses it.
import type { Session, Net } from "electron";

export interface StandInSession extends Pick<
  Session,
  | "setProxy"
  | "resolveProxy"
  | "setCertificateVerifyProc"
  | "closeAllConnections"
  | "clearAuthCache"
  | "fetch"
> {
  readonly standInState: unknown;
}

export function createChromiumNet(options: {
  systemProxy: (url: string) => string | Promise<string>;
  hosts?: () => Record<string, string>;
}): {
  defaultSession: StandInSession;
  net: Pick<Net, "request" | "fetch">;
};

export function resetSession(session: StandInSession): void;

export const errorNumbers: Record<string, number>;
