import { normalizeUserId } from "../../shared/user-id.js";
import { type AuditEvent } from "../../shared/wire/control.js";
import { type AuditFilter, type AuditStore } from "./storage.js";

/** One authentication or administration event. Never a password, OTP or token. */
export interface AuditEntry {
  userId: string | null;
  event: string;
  method: string;
  outcome: string;
  clientAddress: string | null;
  detail?: string | null;
}

export { type AuditFilter } from "./storage.js";

/** The audit log: stamps each event with the simulated and the real time, and stores it. */
export class AuditLog {
  /** `now` is the simulated clock; `realNow` the computer's own (kept beside it, for records of practice). */
  constructor(
    private readonly store: AuditStore,
    private readonly now: () => number,
    private readonly realNow: () => number = Date.now,
  ) {}

  /**
   * The same log, its lines written with a transaction's other writes (`Storage.transaction`);
   * `now` where the transaction moves the simulated clock (the time it will be once committed).
   */
  in(tx: { audit: AuditStore }, now: () => number = this.now): AuditLog {
    return new AuditLog(tx.audit, now, this.realNow);
  }

  /** `userId` is stored normalized (lower case) so queries match however it was typed. */
  record(entry: AuditEntry): void {
    this.store.append({
      at: this.now(),
      realAt: this.realNow(),
      userId: entry.userId === null ? null : normalizeUserId(entry.userId),
      event: entry.event,
      method: entry.method,
      outcome: entry.outcome,
      clientAddress: entry.clientAddress,
      detail: entry.detail ?? null,
    });
  }

  /** Oldest first, the most recent `limit` events (of one user and/or one kind when `filter` says so). */
  list({ userId, event }: AuditFilter, limit: number): Promise<AuditEvent[]> {
    return this.store.list(
      { userId: userId === undefined ? undefined : normalizeUserId(userId), event },
      limit,
    );
  }
}
