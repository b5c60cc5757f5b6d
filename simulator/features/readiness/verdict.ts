import { type Phase } from "../../../shared/phases.js";
import {
  type BoardPc,
  type BoardUser,
  type UserNeed,
  type VerdictReason,
} from "../../../shared/wire/readiness.js";

/**
 * What a user still needs; the first sign-in with 2FA only once 2FA has launched. A DA whose email
 * application HKEX is processing waits for HKEX (whether or not an older address is in force).
 */
export function needsOf(
  user: { email: string | null; lockedUntil: number | null; first2faAt: number | null },
  phase: Phase,
  applicationPending = false,
): UserNeed[] {
  const needs: UserNeed[] = [];
  if (applicationPending) needs.push("da-email-processing");
  else if (user.email === null) needs.push("no-email");
  if (user.lockedUntil !== null) needs.push("locked");
  if (phase !== "smartcard-only" && user.first2faAt === null) needs.push("no-2fa-sign-in");
  return needs;
}

/** The participant's verdict: ready when no user needs anything and every PC checked passes. */
export function verdictOf(
  users: Array<Pick<BoardUser, "needs">>,
  pcs: Array<Pick<BoardPc, "status">>,
): { ready: boolean; reasons: VerdictReason[] } {
  const reasons: VerdictReason[] = [];
  const count = (need: UserNeed) => users.filter((user) => user.needs.includes(need)).length;
  const add = (code: VerdictReason["code"], n: number) => {
    if (n > 0) reasons.push({ code, count: n });
  };
  add("users-without-email", count("no-email"));
  add("das-email-processing", count("da-email-processing"));
  add("users-locked", count("locked"));
  add("users-without-2fa-sign-in", count("no-2fa-sign-in"));
  if (pcs.length === 0) reasons.push({ code: "no-pc-results", count: 0 });
  add("pcs-failing", pcs.filter((pc) => pc.status === "fail").length);
  return { ready: reasons.length === 0, reasons };
}
