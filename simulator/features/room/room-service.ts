import { AppError } from "../../../shared/errors.js";
import {
  DA_REGISTRATION_EVENTS,
  PRACTICE_EVENTS,
  practiceChecklist,
} from "../../../shared/practice/practice-checklist.js";
import { type AuditEvent } from "../../../shared/wire/control.js";
import {
  type Room,
  type RoomEndSessionResponse,
  type RoomStartOverResponse,
  type RoomTrainee,
  type RoomUnlockResponse,
  type TraineeStep,
} from "../../../shared/wire/room.js";
import { type SimulatorContext } from "../../context.js";
import { type RoomTraineeRecord, type UserRecord } from "../../store/storage.js";
import { type ClientInfo } from "../authn/authn-audit.js";
import { recordControl } from "../control/control-audit.js";
import { PracticeEvents } from "./practice-events.js";

const iso = (ms: number): string => new Date(ms).toISOString();
/** How many of the registration events (anyone's) one look at the room reads at most. */
const REGISTRATIONS_LIMIT = 10_000;

/** Where a sign-in stands, from the trainee's live session and newest sign-in in progress. */
export function stepOf(signedIn: boolean, loginState: string | null): TraineeStep {
  if (signedIn) return "desktop";
  switch (loginState) {
    case "OTP_REQUIRED":
      return "otp";
    case "METHOD_CHOICE":
    case "EMAIL_NOT_REGISTERED":
      return "method-choice";
    case "SMARTCARD_REQUIRED":
      return "smartcard";
    default:
      return "password";
  }
}

/**
 * The trainer's view of the room: every user who has tried to sign in since the last start over, as
 * the shared database has it (so every instance of a room shows the same), and what the trainer can
 * do for one trainee without touching anyone else.
 */
export class RoomService {
  private readonly practiceEvents: PracticeEvents;

  constructor(private readonly ctx: SimulatorContext) {
    this.practiceEvents = new PracticeEvents(ctx.storage.room, PRACTICE_EVENTS);
  }

  async room(): Promise<Room> {
    const { ctx } = this;
    const mark = await ctx.storage.room.lastOf("trainer.start-over");
    const now = ctx.clock.nowMs();
    const phase = ctx.phases.current();
    const records = await ctx.storage.room.trainees(mark?.id ?? 0, now, ctx.config.sessionIdleMs);
    const hasDa = records.some((record) => record.role === "da");
    const [byUser, registrations, pending] = await Promise.all([
      this.practiceEvents.of(records),
      hasDa ? this.registrations() : Promise.resolve([]),
      hasDa ? ctx.daEmail.list({ status: "processing" }) : Promise.resolve([]),
    ]);
    const context = { schedule: ctx.phases.schedule, phase, now: iso(now), registrations };
    return {
      phase,
      now: iso(now),
      since: mark === null ? null : { at: mark.at, realAt: mark.realAt ?? null },
      trainees: records.map((record) => {
        const checklist = practiceChecklist({
          ...context,
          user: { ...record, createdAt: iso(record.createdAt) },
          events: byUser.get(record.userKey) ?? [],
          pendingApplications: record.role === "da" ? pending : [],
        }).filter((item) => item.applicable);
        return toTrainee(record, checklist);
      }),
    };
  }

  /** Each per-trainee action's writes and its audit line are one commit. */
  async unlock(userId: string, client: ClientInfo): Promise<RoomUnlockResponse> {
    const user = await this.trainee(userId);
    const { ctx } = this;
    const wasLocked = await ctx.storage.transaction(async (tx) => {
      const locked = (await tx.lockouts.lockedUntil(user.userKey, ctx.clock.nowMs())) !== null;
      await tx.lockouts.unlock(user.userKey);
      recordControl(ctx.audit.in(tx), "trainer.unlock", client, {
        userId: user.userKey,
        detail: locked ? "was locked" : "was not locked",
      });
      return locked;
    });
    return { userId: user.userId, wasLocked };
  }

  async endSession(userId: string, client: ClientInfo): Promise<RoomEndSessionResponse> {
    const user = await this.trainee(userId);
    const { ctx } = this;
    const ended = await ctx.storage.transaction(async (tx) => {
      const count = await ctx.sessions.in(tx).endAllOf(user.userKey, "signed-out-elsewhere");
      recordControl(ctx.audit.in(tx), "trainer.end-session", client, {
        userId: user.userKey,
        detail: `${count} session(s) ended`,
      });
      return count;
    });
    return { userId: user.userId, ended };
  }

  /** Ends the trainee's sessions, then forgets their practice: nobody else's changes. All of it one commit. */
  async startOver(userId: string, client: ClientInfo): Promise<RoomStartOverResponse> {
    const user = await this.trainee(userId);
    const { ctx } = this;
    const sessionsEnded = await ctx.storage.transaction(async (tx) => {
      const ended = await ctx.sessions.in(tx).endAllOf(user.userKey, "signed-out-elsewhere");
      await tx.room.forget(user.userKey);
      recordControl(ctx.audit.in(tx), "trainer.trainee-start-over", client, {
        userId: user.userKey,
        detail: `${ended} session(s) ended`,
      });
      return ended;
    });
    return { userId: user.userId, sessionsEnded };
  }

  private async trainee(userId: string): Promise<UserRecord> {
    const user = await this.ctx.users.find(userId);
    if (user === undefined) throw new AppError("NOT_FOUND", `No user with ID ${userId}.`);
    return user;
  }

  private registrations(): Promise<AuditEvent[]> {
    return this.ctx.storage.room.eventsOfKinds(DA_REGISTRATION_EVENTS, REGISTRATIONS_LIMIT);
  }
}

function toTrainee(
  record: RoomTraineeRecord,
  items: ReadonlyArray<{
    id: RoomTrainee["practice"]["items"][number]["id"];
    done: boolean;
    pending: boolean;
  }>,
): RoomTrainee {
  return {
    userId: record.userId,
    displayName: record.displayName,
    role: record.role,
    participant: record.participant,
    participantName: record.participantName,
    signedIn: record.signedIn,
    lockedUntil: record.lockedUntil === null ? null : iso(record.lockedUntil),
    step: stepOf(record.signedIn, record.loginState),
    lastActivityAt: iso(record.lastAt),
    lastActivityRealAt: record.lastRealAt === null ? null : iso(record.lastRealAt),
    practice: {
      done: items.filter((item) => item.done).length,
      applicable: items.length,
      items: items.map(({ id, done, pending }) => ({ id, done, pending })),
    },
  };
}
