import { AppError } from "../../../shared/errors.js";
import {
  type AdminUser,
  type AdminUsersResponse,
  LOCKED_UNTIL_UNLOCKED,
  type LockResponse,
  type SetEmailResponse,
  type UnlockResponse,
} from "../../../shared/wire/admin.js";
import { type Schedule } from "../../../shared/wire/control.js";
import { type PendingDaEmail } from "../../../shared/wire/da-email.js";
import { maskEmail } from "../../mail/mask-email.js";
import { renderEmailChangedMail } from "../../mail/email-changed-mail-content.js";
import { type OutgoingMail } from "../../mail/transport.js";
import { type AuditLog } from "../../store/audit-log.js";
import {
  type DaEmailRecord,
  type LockoutStore,
  type Storage,
  type Stores,
  type UserRecord,
  type UserStore,
} from "../../store/storage.js";
import { type DaEmailService, toPending } from "../da-email/da-email-service.js";

export interface AdminServiceDeps {
  users: UserStore;
  lockouts: LockoutStore;
  audit: AuditLog;
  mailer: { send(message: OutgoingMail): Promise<void> };
  schedule: Schedule;
  now: () => number;
  /** Ends a user's live sessions because the account was locked (in `tx`); answers how many. */
  endSessionsOf: (userKey: string, tx: Stores) => Promise<number>;
  /** One commit for a change and its audit line. */
  transaction: Storage["transaction"];
  /** DAs' addresses are applications to HKEX. */
  daEmail: DaEmailService;
}

const notApplicable = { oldAddress: "not-applicable", newAddress: "not-applicable" } as const;

/** What the audit log records of a DA's work. */
type AdminEvent = "admin.access" | "admin.email.set" | "admin.unlock" | "admin.lock";

/** Who is asking, and from where (for the audit log). */
export interface AdminActor {
  user: UserRecord;
  clientAddress: string;
}

/** What a DA may do for the users of their own participant. */
export class AdminService {
  constructor(private readonly deps: AdminServiceDeps) {}

  async list(actor: AdminActor): Promise<AdminUsersResponse> {
    const da = this.requireDa(actor);
    const now = this.deps.now();
    const users = await this.deps.users.listByParticipant(da.participant);
    const pending = await this.deps.daEmail.pendingByUser(da.participant);
    return {
      participant: da.participant,
      users: await Promise.all(users.map((u) => this.describe(u, now, pending.get(u.userKey) ?? null))),
    };
  }

  async setEmail(actor: AdminActor, userId: string, email: string): Promise<SetEmailResponse> {
    const da = this.requireDa(actor);
    const target = await this.requireOwnUser(actor, da, userId, "admin.email.set");
    const now = this.deps.now();
    const opensAt = this.registrationOpensAt(target);
    if (now < opensAt) {
      this.audit(actor, target.userId, "admin.email.set", "refused", "registration closed");
      const who = target.role === "da" ? "Delegated Administrators'" : "users'";
      throw new AppError(
        "REGISTRATION_CLOSED",
        `Registration of ${who} email addresses opens on ${new Date(opensAt).toISOString().slice(0, 10)}.`,
        { opensAt: new Date(opensAt).toISOString() },
      );
    }
    const newEmail = email.trim();
    const oldEmail = target.email;
    if (target.role === "da") return this.applyForDa(actor, da, target, newEmail);
    if (oldEmail !== null && oldEmail.toLowerCase() === newEmail.toLowerCase()) {
      return {
        user: await this.describe(target, now),
        changed: false,
        notified: notApplicable,
        application: null,
      };
    }
    const detail = `by ${da.userId}: ${oldEmail === null ? "none" : maskEmail(oldEmail)} -> ${maskEmail(newEmail)}`;
    await this.deps.transaction(async (tx) => {
      await tx.users.setEmail(target.userKey, newEmail);
      this.audit(actor, target.userId, "admin.email.set", "success", detail, tx);
    });

    const notice = renderEmailChangedMail({
      userId: target.userId,
      displayName: target.displayName,
      maskedNewEmail: maskEmail(newEmail),
      changedBy: da.userId,
      changedAt: new Date(now),
    });
    const [oldAddress, newAddress] = await Promise.all([
      oldEmail === null ? Promise.resolve("not-applicable" as const) : this.notify(oldEmail, target, notice),
      this.notify(newEmail, target, notice),
    ]);
    const updated = (await this.deps.users.find(target.userKey)) ?? { ...target, email: newEmail };
    return {
      user: await this.describe(updated, this.deps.now()),
      changed: true,
      notified: { oldAddress, newAddress },
      application: null,
    };
  }

  /**
   * A DA's address is an application to HKEX: filed now, effective when HKEX processes it (the old and
   * new addresses are told then). The same address as the one in force or applied for changes nothing.
   */
  private async applyForDa(
    actor: AdminActor,
    da: UserRecord,
    target: UserRecord,
    email: string,
  ): Promise<SetEmailResponse> {
    const pending = await this.deps.daEmail.pendingOf(target.userKey);
    const current = pending?.email ?? target.email;
    const application =
      current !== null && current.toLowerCase() === email.toLowerCase()
        ? pending
        : await this.deps.daEmail.submit(da, target, email, actor.clientAddress);
    return {
      user: await this.describe(target, this.deps.now(), application ?? null),
      changed: false,
      notified: notApplicable,
      application: toPending(application),
    };
  }

  async unlock(actor: AdminActor, userId: string): Promise<UnlockResponse> {
    const da = this.requireDa(actor);
    const target = await this.requireOwnUser(actor, da, userId, "admin.unlock");
    const wasLocked = (await this.deps.lockouts.lockedUntil(target.userKey, this.deps.now())) !== null;
    await this.deps.transaction(async (tx) => {
      await tx.lockouts.unlock(target.userKey);
      const detail = `by ${da.userId}${wasLocked ? "" : " (was not locked)"}`;
      this.audit(actor, target.userId, "admin.unlock", "success", detail, tx);
    });
    return { user: await this.describe(target, this.deps.now()), wasLocked };
  }

  /** Locks a user's account until a DA unlocks it, and ends the user's sessions. Not the DA's own. */
  async lock(actor: AdminActor, userId: string): Promise<LockResponse> {
    const da = this.requireDa(actor);
    const target = await this.requireOwnUser(actor, da, userId, "admin.lock");
    if (target.userKey === da.userKey) {
      this.audit(actor, target.userId, "admin.lock", "refused", "own account");
      throw new AppError(
        "FORBIDDEN",
        "You cannot lock your own account; another DA of your participant can.",
      );
    }
    const now = this.deps.now();
    const wasLocked = (await this.deps.lockouts.lockedUntil(target.userKey, now)) !== null;
    // The lock, the end of the user's sessions and the audit line: one commit.
    const sessionsEnded = await this.deps.transaction(async (tx) => {
      await tx.lockouts.lock(target.userKey, Date.parse(LOCKED_UNTIL_UNLOCKED));
      const ended = await this.deps.endSessionsOf(target.userKey, tx);
      this.audit(
        actor,
        target.userId,
        "admin.lock",
        "success",
        `by ${da.userId}; ${ended} session(s) ended`,
        tx,
      );
      return ended;
    });
    return { user: await this.describe(target, now), wasLocked, sessionsEnded };
  }

  private requireDa(actor: AdminActor): UserRecord {
    if (actor.user.role !== "da") {
      this.audit(actor, actor.user.userId, "admin.access", "refused", "not a Delegated Administrator");
      throw new AppError("FORBIDDEN", "Only a Delegated Administrator can administer users.");
    }
    return actor.user;
  }

  /** Unknown IDs get the same answer as other participants' users, so a DA cannot probe other firms. */
  private async requireOwnUser(
    actor: AdminActor,
    da: UserRecord,
    userId: string,
    event: AdminEvent,
  ): Promise<UserRecord> {
    const target = await this.deps.users.find(userId);
    if (target === undefined || target.participant !== da.participant) {
      this.audit(actor, da.userId, event, "refused", "user not in the DA's participant");
      throw new AppError(
        "FORBIDDEN",
        `You can administer only the users of your own participant (${da.participant}).`,
      );
    }
    return target;
  }

  private registrationOpensAt(user: UserRecord): number {
    return Date.parse(
      user.role === "da"
        ? this.deps.schedule.daEmailRegistrationOpens
        : this.deps.schedule.userEmailRegistrationOpens,
    );
  }

  private async notify(
    to: string,
    user: UserRecord,
    notice: { subject: string; text: string; html: string },
  ): Promise<"sent" | "failed"> {
    try {
      await this.deps.mailer.send({ to, userId: user.userId, ...notice });
      return "sent";
    } catch {
      return "failed";
    }
  }

  /** `pending`: the DA's application being processed; null for none; looked up when not given. */
  private async describe(user: UserRecord, now: number, pending?: DaEmailRecord | null): Promise<AdminUser> {
    const application: PendingDaEmail | null =
      user.role !== "da"
        ? null
        : toPending(
            pending === undefined ? await this.deps.daEmail.pendingOf(user.userKey) : (pending ?? undefined),
          );
    const lockedUntil = await this.deps.lockouts.lockedUntil(user.userKey, now);
    return {
      userId: user.userId,
      displayName: user.displayName,
      role: user.role,
      participant: user.participant,
      clearingHouse: user.clearingHouse,
      hasSmartcard: user.hasSmartcard,
      emailRegistered: user.email !== null,
      maskedEmail: user.email === null ? null : maskEmail(user.email),
      lockedUntil: lockedUntil === null ? null : new Date(lockedUntil).toISOString(),
      emailRegistrationOpensAt: new Date(this.registrationOpensAt(user)).toISOString(),
      emailApplication: application,
    };
  }

  private audit(
    actor: AdminActor,
    userId: string,
    event: AdminEvent,
    outcome: "success" | "refused",
    detail: string,
    tx?: Stores,
  ): void {
    (tx === undefined ? this.deps.audit : this.deps.audit.in(tx)).record({
      userId,
      event,
      method: "admin",
      outcome,
      clientAddress: actor.clientAddress,
      detail,
    });
  }
}
