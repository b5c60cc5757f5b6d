import { type Schedule } from "../../../shared/wire/control.js";
import {
  type DaEmailApplication,
  DEFAULT_DA_EMAIL_BUSINESS_DAYS,
  type PendingDaEmail,
} from "../../../shared/wire/da-email.js";
import { renderDaEmailProcessedMail } from "../../mail/da-email-processed-mail-content.js";
import { maskEmail } from "../../mail/mask-email.js";
import { type OutgoingMail } from "../../mail/transport.js";
import { type AuditLog } from "../../store/audit-log.js";
import {
  type DaEmailFilter,
  type DaEmailRecord,
  type DaEmailStore,
  type ProcessedDaEmail,
  type Storage,
  type Stores,
  type UserRecord,
} from "../../store/storage.js";
import { readinessDeadlineOf } from "../readiness/deadlines.js";
import { businessDaysAfter } from "./business-days.js";

export interface DaEmailDeps {
  /** For reads; every write goes through `transaction`. */
  store: DaEmailStore;
  audit: AuditLog;
  /** One commit for an application (or a round of processing) and its audit lines. */
  transaction: Storage["transaction"];
  mailer: { send(message: OutgoingMail): Promise<void> };
  schedule: Schedule;
  /** The simulated clock. */
  now: () => number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * HKEX's side of DAs' email addresses: an application filed by a DA of the participant, processed
 * the schedule's business days later on the simulated clock (or at once, through the control API),
 * when the address becomes the DA's for 2FA and the old and new addresses are told. An application
 * submitted on or after the registration deadline is processed all the same, and marked late.
 */
export class DaEmailService {
  constructor(private readonly d: DaEmailDeps) {}

  /**
   * Files `email` for DA `target`, submitted by DA `by` now (or at `submittedAt`, for a scenario); a
   * pending application of `target` is superseded.
   */
  async submit(
    by: UserRecord,
    target: UserRecord,
    email: string,
    clientAddress: string | null,
    submittedAt = this.d.now(),
  ): Promise<DaEmailRecord> {
    // The application and its audit line: one commit.
    return this.d.transaction((tx) =>
      this.submitIn(tx, this.d.audit.in(tx), { by, target, email, clientAddress, submittedAt }),
    );
  }

  /** `submit` in the caller's transaction `tx`, its audit line in `audit` (a log of that transaction). */
  async submitIn(
    tx: Stores,
    audit: AuditLog,
    {
      by,
      target,
      email,
      clientAddress,
      submittedAt,
    }: {
      by: UserRecord;
      target: UserRecord;
      email: string;
      clientAddress: string | null;
      submittedAt: number;
    },
  ): Promise<DaEmailRecord> {
    const days = this.d.schedule.daEmailProcessingBusinessDays ?? DEFAULT_DA_EMAIL_BUSINESS_DAYS;
    const late = submittedAt >= Date.parse(readinessDeadlineOf(this.d.schedule));
    const from = target.email === null ? "none" : maskEmail(target.email);
    const application = await tx.daEmail.submit({
      participant: target.participant,
      userKey: target.userKey,
      userId: target.userId,
      displayName: target.displayName,
      email,
      submittedBy: by.userId,
      submittedAt,
      dueAt: businessDaysAfter(submittedAt, days),
      late,
    });
    audit.record({
      userId: target.userKey,
      event: "admin.da-email.apply",
      method: "admin",
      outcome: "submitted",
      clientAddress,
      detail: `by ${by.userId}: ${from} -> ${maskEmail(email)}; due ${iso(application.dueAt)}${late ? "; late" : ""}`,
    });
    return application;
  }

  list(filter: DaEmailFilter): Promise<DaEmailRecord[]> {
    return this.d.store.list(filter);
  }

  /** The DA's application being processed, if any (in `store`, a transaction's, when given). */
  async pendingOf(userKey: string, store: DaEmailStore = this.d.store): Promise<DaEmailRecord | undefined> {
    return (await store.list({ userKey, status: "processing" })).at(-1);
  }

  /** The applications being processed for the DAs of a participant, by their normalized user ID. */
  async pendingByUser(participant: string): Promise<Map<string, DaEmailRecord>> {
    const pending = await this.d.store.list({ participant, status: "processing" });
    return new Map(pending.map((application) => [application.userKey, application]));
  }

  /** Processes what is due on the simulated clock: cheap when nothing is (one read). */
  async settle(): Promise<ProcessedDaEmail[]> {
    const now = this.d.now();
    if (!(await this.d.store.anyDue(now))) return [];
    const processed = await this.d.transaction((tx) => this.processIn(tx, now, null));
    await this.tell(processed);
    return processed;
  }

  /**
   * Processes every pending application now (the control API: HKEX works through its queue at once):
   * those already due on the simulated clock as by the clock, then the rest for `clientAddress`;
   * `record` adds the caller's own audit line. Answers the ones processed at once. All of it is one
   * commit, and the old and new addresses are told once it is made.
   */
  async processAll(
    clientAddress: string | null,
    record: (audit: AuditLog, processed: ProcessedDaEmail[]) => void = () => undefined,
  ): Promise<ProcessedDaEmail[]> {
    const now = this.d.now();
    const [due, atOnce] = await this.d.transaction(async (tx) => {
      const byClock = await this.processIn(tx, now, null);
      const rest = await this.processIn(tx, Number.MAX_SAFE_INTEGER, clientAddress);
      record(this.d.audit.in(tx), rest);
      return [byClock, rest];
    });
    await this.tell([...due, ...atOnce]);
    return atOnce;
  }

  /** Makes what is due by `dueBy` effective in `tx`, each with its audit line. */
  private async processIn(
    tx: Stores,
    dueBy: number,
    clientAddress: string | null,
  ): Promise<ProcessedDaEmail[]> {
    const processed = await tx.daEmail.process(dueBy, this.d.now());
    const audit = this.d.audit.in(tx);
    for (const { application, previousEmail } of processed) {
      const from = previousEmail === null ? "none" : maskEmail(previousEmail);
      audit.record({
        userId: application.userKey,
        event: "hkex.da-email.processed",
        method: "hkex",
        outcome: "effective",
        clientAddress,
        detail: `submitted by ${application.submittedBy}: ${from} -> ${maskEmail(application.email)}${application.late ? "; late" : ""}`,
      });
    }
    return processed;
  }

  /** Tells the old and new addresses of each application processed (after its commit: never of one undone). */
  private async tell(processed: ProcessedDaEmail[]): Promise<void> {
    for (const { application, previousEmail } of processed) {
      const notice = renderDaEmailProcessedMail({
        userId: application.userId,
        displayName: application.displayName,
        maskedNewEmail: maskEmail(application.email),
        submittedBy: application.submittedBy,
        submittedAt: new Date(application.submittedAt),
        processedAt: new Date(application.processedAt ?? this.d.now()),
      });
      const addresses = [previousEmail, application.email].filter(
        (to, i, all): to is string =>
          to !== null && all.findIndex((a) => a?.toLowerCase() === to.toLowerCase()) === i,
      );
      // A notice that cannot be delivered is in the outbox as failed; the address is in effect either way.
      await Promise.all(
        addresses.map((to) =>
          this.d.mailer.send({ to, userId: application.userId, ...notice }).catch(() => undefined),
        ),
      );
    }
  }
}

/** An application on the wire (the control API's list). */
export function toWireApplication(record: DaEmailRecord): DaEmailApplication {
  return {
    id: record.id,
    participant: record.participant,
    userId: record.userId,
    displayName: record.displayName,
    maskedEmail: maskEmail(record.email),
    submittedBy: record.submittedBy,
    submittedAt: iso(record.submittedAt),
    status: record.status,
    dueAt: iso(record.dueAt),
    processedAt: record.processedAt === null ? null : iso(record.processedAt),
    late: record.late,
  };
}

/** A pending application as the admin screen and the readiness board show it. */
export function toPending(record: DaEmailRecord | undefined): PendingDaEmail | null {
  if (record === undefined) return null;
  const { maskedEmail, submittedBy, submittedAt, dueAt, late } = toWireApplication(record);
  return { maskedEmail, submittedBy, submittedAt, dueAt, late };
}
