import type { SessionInfo } from "../../../shared/wire/authn.js";

/** Which of the server's limits ends the session first, and when. */
export interface SessionEnd {
  kind: "idle" | "absolute";
  at: number;
}

export function sessionEndOf(session: SessionInfo): SessionEnd {
  const idle = Date.parse(session.idleExpiresAt);
  const absolute = Date.parse(session.absoluteExpiresAt);
  return absolute <= idle ? { kind: "absolute", at: absolute } : { kind: "idle", at: idle };
}
