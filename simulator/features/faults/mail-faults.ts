import { type Mailer } from "../../mail/mailer.js";
import { type OutgoingMail } from "../../mail/transport.js";
import { type AuditLog } from "../../store/audit-log.js";
import { type FaultState } from "./fault-state.js";

/**
 * Puts the mail faults in front of the mailer. `dropMail`: the message is lost
 * without a trace in the mailbox (the sender believes it went; the audit log
 * says it was dropped). `mailDelayMs`: the sender is answered at once and the
 * message is sent, and appears in the mailbox, that much later.
 * Returns a function that cancels mail still waiting.
 */
export function applyMailFaults(mailer: Mailer, faults: FaultState, audit: AuditLog): () => void {
  const send = mailer.send.bind(mailer);
  const pending = new Set<NodeJS.Timeout>();
  mailer.send = async (message: OutgoingMail): Promise<void> => {
    const { dropMail, mailDelayMs } = faults.get();
    if (dropMail) {
      audit.record({
        userId: message.userId ?? null,
        event: "mail.dropped",
        method: "mail",
        outcome: "dropped",
        clientAddress: null,
        detail: "simulated fault: dropMail",
      });
      return;
    }
    if (mailDelayMs > 0) {
      const generation = faults.generation;
      const timer = setTimeout(() => {
        pending.delete(timer);
        // A reset on any instance meanwhile drops it; a late failure is recorded in the outbox by
        // the mailer; no one is waiting for either.
        faults
          .refresh()
          .then(() => (faults.generation === generation ? send(message) : undefined))
          .catch(() => undefined);
      }, mailDelayMs);
      pending.add(timer);
      return;
    }
    return send(message);
  };
  return () => {
    for (const timer of pending) clearTimeout(timer);
    pending.clear();
  };
}
