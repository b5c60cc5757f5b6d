import { phaseAt, type Phase } from "../phases.js";
import type { AuditEvent, Schedule, SimUser } from "../wire/control.js";
import { CONNECTIVITY_CHECK_EVENT } from "../wire/rehearsal.js";
import { practiceItemIds, type PracticeItem, type PracticeItemId } from "./practice-items.js";

/** The audit events of others that a DA's practice reads: registrations made, applications processed. */
export const DA_REGISTRATION_EVENTS = ["admin.email.set", "hkex.da-email.processed"] as const;
/** The user's own audit events the checklist reads. */
export const PRACTICE_EVENTS = [
  "authn.password",
  "authn.otp",
  "authn.otp-resend",
  "authn.success",
  CONNECTIVITY_CHECK_EVENT,
] as const;

export interface ChecklistInput {
  user: Pick<SimUser, "userId" | "role" | "hasSmartcard" | "createdAt">;
  schedule: Schedule;
  /** The phase in force now (a pinned one included). */
  phase: Phase;
  now: string;
  /** The user's own audit events, oldest first. */
  events: readonly AuditEvent[];
  /**
   * Email registrations by anyone (`admin.email.set`, recorded against the user registered) and DAs'
   * email applications HKEX processed (`hkex.da-email.processed`, against the DA), oldest first.
   */
  registrations: readonly AuditEvent[];
  /** Who submitted each DA's email application still being processed by HKEX. */
  pendingApplications?: ReadonlyArray<{ submittedBy: string }>;
}

/**
 * What the user has rehearsed, read from the simulator's audit log, and which
 * rehearsals make sense at the simulated moment. Phases of past events come
 * from the schedule and each event's simulated time.
 */
export function practiceChecklist(input: ChecklistInput): PracticeItem[] {
  const found = doneEvents(input);
  const userKey = input.user.userId.toLowerCase();
  const waiting = (input.pendingApplications ?? []).some((a) => a.submittedBy.toLowerCase() === userKey);
  return practiceItemIds.map((id) => {
    const times = found[id];
    const first = times[0];
    const last = times.at(-1);
    return {
      id,
      applicable: applicable(id, input),
      done: times.length > 0,
      pending: id === "da-email-application" && waiting,
      times: times.length,
      firstAt: first?.at ?? null,
      firstRealAt: first?.realAt ?? null,
      lastAt: last?.at ?? null,
      lastRealAt: last?.realAt ?? null,
    };
  });
}

function applicable(id: PracticeItemId, { user, schedule, phase, now }: ChecklistInput): boolean {
  const twoFactor = phase !== "smartcard-only";
  switch (id) {
    case "otp-sign-in":
    case "otp-resend":
    case "otp-wrong-code":
      return twoFactor;
    case "smartcard-fallback":
      // Only a card holder created before launch may fall back (newly created users have 2FA only).
      return (
        phase === "parallel-run" &&
        user.hasSmartcard &&
        Date.parse(user.createdAt) < Date.parse(schedule.launch)
      );
    case "after-decommission":
      return phase === "2fa-only";
    case "da-register-email":
      return user.role === "da" && Date.parse(now) >= Date.parse(schedule.userEmailRegistrationOpens);
    case "da-email-application":
      return user.role === "da" && Date.parse(now) >= Date.parse(schedule.daEmailRegistrationOpens);
    case "connectivity-check":
      return true;
  }
}

function doneEvents({
  user,
  schedule,
  events,
  registrations,
}: ChecklistInput): Record<PracticeItemId, AuditEvent[]> {
  const found = Object.fromEntries(practiceItemIds.map((id) => [id, [] as AuditEvent[]])) as Record<
    PracticeItemId,
    AuditEvent[]
  >;
  const phaseOf = (event: AuditEvent) => phaseAt(schedule, Date.parse(event.at));
  // A wrong code counts as recovered from when the same sign-in (after the same password) ends in success.
  let wrongCodeInThisSignIn = false;
  for (const event of events) {
    if (event.event === "authn.password" && event.outcome === "success") wrongCodeInThisSignIn = false;
    if (event.event === "authn.otp" && event.outcome.startsWith("failure")) wrongCodeInThisSignIn = true;
    if (event.event === "authn.otp-resend" && event.outcome === "sent") found["otp-resend"].push(event);
    if (event.event === CONNECTIVITY_CHECK_EVENT) found["connectivity-check"].push(event);
    if (event.event !== "authn.success") continue;
    if (event.method === "otp") {
      found["otp-sign-in"].push(event);
      if (wrongCodeInThisSignIn) found["otp-wrong-code"].push(event);
      if (phaseOf(event) === "2fa-only") found["after-decommission"].push(event);
    }
    if (event.method === "smartcard" && phaseOf(event) === "parallel-run")
      found["smartcard-fallback"].push(event);
    wrongCodeInThisSignIn = false;
  }
  const userKey = user.userId.toLowerCase();
  const byThisDa = `by ${userKey}:`;
  const submittedByThisDa = `submitted by ${userKey}:`;
  for (const event of registrations) {
    const detail = (event.detail ?? "").toLowerCase();
    if (event.event === "admin.email.set" && event.outcome === "success" && detail.startsWith(byThisDa)) {
      found["da-register-email"].push(event);
    }
    if (event.event === "hkex.da-email.processed" && detail.startsWith(submittedByThisDa)) {
      found["da-email-application"].push(event);
    }
  }
  return found;
}
