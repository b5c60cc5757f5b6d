/**
 * The kinds of failure the desktop app's network stack (Chromium's, which reports `net::ERR_*`) is
 * named by: each travels in an error's `details.netProblem` (beside `details.netError`) and is worded
 * by the renderer (`netProblems.<kind>`, in both languages). The table from Chromium's errors to these
 * kinds and to the error codes is `electron/services/http/chromium-errors.ts`.
 */
export const netProblemKinds = [
  "dns",
  "refused",
  "reset",
  "timeout",
  "offline",
  "proxyDown",
  "proxyScript",
  "tunnel",
  "proxyAuth",
  "proxyAuthUnsupported",
  "untrusted",
  "hostName",
  "date",
  "handshake",
  "blocked",
  "other",
] as const;

export type NetProblemKind = (typeof netProblemKinds)[number];

export function isNetProblemKind(value: unknown): value is NetProblemKind {
  return typeof value === "string" && (netProblemKinds as readonly string[]).includes(value);
}
