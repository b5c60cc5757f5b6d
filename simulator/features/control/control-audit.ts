import { type AuditLog } from "../../store/audit-log.js";
import { type ClientInfo } from "../authn/authn-audit.js";

/** The changes the control API (a trainer's among them, and a scenario at start) records in the audit log. */
export type ControlEvent =
  | "control.user-create"
  | "control.user-unlock"
  | "control.sessions-end"
  | "control.card-issue"
  | "control.clock"
  | "control.phase"
  | "control.faults"
  | "control.reset"
  | "control.scenario"
  | "control.da-email-process"
  | "trainer.moment"
  | "trainer.situation"
  | "trainer.start-over"
  | "trainer.unlock"
  | "trainer.end-session"
  | "trainer.trainee-start-over";

/** One line of the audit log for a change made through the control API: who it was about, and what. */
export function recordControl(
  log: AuditLog,
  event: ControlEvent,
  client: ClientInfo | null,
  subject: { userId?: string; detail?: string } = {},
): void {
  log.record({
    userId: subject.userId ?? null,
    event,
    method: "control",
    outcome: "done",
    clientAddress: client?.clientAddress ?? null,
    detail: subject.detail ?? null,
  });
}
