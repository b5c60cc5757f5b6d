import { z } from "zod";
import {
  CONTROL_PREFIX,
  auditResponseSchema,
  clockResponseSchema,
  mailboxResponseSchema,
  phaseResponseSchema,
  simStatusSchema,
  simUserResponseSchema,
  simUserSchema,
} from "../../shared/wire/control.js";
import { faultsResponseSchema } from "../../shared/wire/faults.js";
import {
  DA_EMAIL_APPLICATIONS_PATH,
  DA_EMAIL_PROCESS_PATH,
  daEmailApplicationsResponseSchema,
  daEmailProcessResponseSchema,
} from "../../shared/wire/da-email.js";
import {
  ROOM_PATH,
  roomEndSessionResponseSchema,
  roomSchema,
  roomStartOverResponseSchema,
  roomTraineePath,
  roomUnlockResponseSchema,
} from "../../shared/wire/room.js";
import { endSessionsResponseSchema } from "../../shared/wire/session.js";
import {
  type AuditEvent,
  type ClockStatus,
  type DaEmailApplication,
  type EndedSessions,
  type Faults,
  type MailMessage,
  type NewUser,
  type Phase,
  type PhaseStatus,
  type Recipient,
  type Room,
  type SessionRevocationReason,
  type SimStatus,
  type SimUser,
} from "../types.js";
import { type ControlClient, type ControlMethod, SimulatorUnreachable } from "./control-client.js";

const usersResponseSchema = z.object({ users: z.array(simUserSchema) });
const cardResponseSchema = z.object({
  card: z.looseObject({ userId: z.string(), format: z.string() }),
});

/** The control API's calls, typed, each answer checked against its wire schema. */
export class SimulatorApi {
  constructor(readonly client: ControlClient) {}

  private async call<T extends z.ZodType>(
    schema: T,
    method: ControlMethod,
    route: string,
    body?: unknown,
  ): Promise<z.infer<T>> {
    const answer = await this.client.request(method, `${CONTROL_PREFIX}${route}`, body);
    const parsed = schema.safeParse(answer);
    if (!parsed.success) {
      throw new SimulatorUnreachable(
        `The simulator's answer to ${method} ${CONTROL_PREFIX}${route} is not what this kit expects (` +
          `${parsed.error.issues[0]?.path.join(".") ?? ""}: ${parsed.error.issues[0]?.message ?? ""}); ` +
          "is the simulator the same version as the kit?",
      );
    }
    return parsed.data;
  }

  async createUser(user: NewUser): Promise<SimUser> {
    return (await this.call(simUserResponseSchema, "POST", "/users", user)).user;
  }

  async listUsers(): Promise<SimUser[]> {
    return (await this.call(usersResponseSchema, "GET", "/users")).users;
  }

  async user(userId: string): Promise<SimUser> {
    return (await this.call(simUserResponseSchema, "GET", `/users/${encodeURIComponent(userId)}`)).user;
  }

  async unlock(userId: string): Promise<SimUser> {
    const route = `/users/${encodeURIComponent(userId)}/unlock`;
    return (await this.call(simUserResponseSchema, "POST", route)).user;
  }

  /** Ends every live session of the user; the app returns to sign-in and says why. */
  endSessions(userId: string, reason?: SessionRevocationReason): Promise<EndedSessions> {
    const route = `/users/${encodeURIComponent(userId)}/sessions/end`;
    return this.call(endSessionsResponseSchema, "POST", route, reason === undefined ? {} : { reason });
  }

  async mailbox(recipient: Recipient): Promise<MailMessage[]> {
    const query =
      "userId" in recipient
        ? `userId=${encodeURIComponent(recipient.userId)}`
        : `to=${encodeURIComponent(recipient.email)}`;
    return (await this.call(mailboxResponseSchema, "GET", `/mailbox?${query}`)).messages;
  }

  status(): Promise<SimStatus> {
    return this.call(simStatusSchema, "GET", "/status");
  }

  clock(): Promise<ClockStatus> {
    return this.call(clockResponseSchema, "GET", "/clock");
  }

  /** An ISO time jumps the clock there (it then runs on); null returns it to real time. */
  setClock(now: string | null): Promise<ClockStatus> {
    return this.call(clockResponseSchema, "PUT", "/clock", now === null ? {} : { now });
  }

  phase(): Promise<PhaseStatus> {
    return this.call(phaseResponseSchema, "GET", "/phase");
  }

  /** A phase pins it; null follows the clock again. */
  setPhase(phase: Phase | null): Promise<PhaseStatus> {
    return this.call(phaseResponseSchema, "PUT", "/phase", { phase });
  }

  faults(): Promise<Faults> {
    return this.call(faultsResponseSchema, "GET", "/faults");
  }

  /** Replaces the faults in force: a field left out means no such fault; `{}` clears them all. */
  setFaults(faults: Partial<Faults>): Promise<Faults> {
    return this.call(faultsResponseSchema, "PUT", "/faults", faults);
  }

  async issueCard(request: {
    userId: string;
    pin: string;
    notBefore?: string;
    notAfter?: string;
  }): Promise<Record<string, unknown>> {
    return (await this.call(cardResponseSchema, "POST", "/cards", request)).card;
  }

  async audit(query: { userId?: string; event?: string; limit?: number } = {}): Promise<AuditEvent[]> {
    const params = new URLSearchParams();
    if (query.userId !== undefined) params.set("userId", query.userId);
    if (query.event !== undefined) params.set("event", query.event);
    if (query.limit !== undefined) params.set("limit", String(query.limit));
    const search = params.size > 0 ? `?${params.toString()}` : "";
    return (await this.call(auditResponseSchema, "GET", `/audit${search}`)).events;
  }

  /** The trainer's view of the room: every user who has signed in or tried since the last start over. */
  room(): Promise<Room> {
    return this.call(roomSchema, "GET", ROOM_PATH.slice(CONTROL_PREFIX.length));
  }

  /** Unlocks one trainee. */
  unlockTrainee(userId: string): Promise<{ userId: string; wasLocked: boolean }> {
    return this.call(roomUnlockResponseSchema, "POST", this.traineeRoute(userId, "unlock"));
  }

  /** Ends one trainee's live sessions. */
  endTraineeSession(userId: string): Promise<{ userId: string; ended: number }> {
    return this.call(roomEndSessionResponseSchema, "POST", this.traineeRoute(userId, "end-session"));
  }

  /** Starts one trainee over: their sign-ins, lock, codes and practice record; nobody else's. */
  startTraineeOver(userId: string): Promise<{ userId: string; sessionsEnded: number }> {
    return this.call(roomStartOverResponseSchema, "POST", this.traineeRoute(userId, "start-over"));
  }

  /** DAs' email applications, oldest first (those due on the simulated clock processed first). */
  async daEmailApplications(
    query: { status?: DaEmailApplication["status"]; participant?: string } = {},
  ): Promise<DaEmailApplication[]> {
    const params = new URLSearchParams();
    if (query.status !== undefined) params.set("status", query.status);
    if (query.participant !== undefined) params.set("participant", query.participant);
    const search = params.size > 0 ? `?${params.toString()}` : "";
    const route = `${DA_EMAIL_APPLICATIONS_PATH.slice(CONTROL_PREFIX.length)}${search}`;
    return (await this.call(daEmailApplicationsResponseSchema, "GET", route)).applications;
  }

  /** HKEX processes every pending DA's email application now; answers those it processed. */
  async processDaEmailApplications(): Promise<DaEmailApplication[]> {
    const route = DA_EMAIL_PROCESS_PATH.slice(CONTROL_PREFIX.length);
    return (await this.call(daEmailProcessResponseSchema, "POST", route, {})).processed;
  }

  private traineeRoute(userId: string, action: "unlock" | "end-session" | "start-over"): string {
    return roomTraineePath(userId, action).slice(CONTROL_PREFIX.length);
  }

  async reset(): Promise<SimStatus> {
    return this.call(simStatusSchema.extend({ reset: z.literal(true) }), "POST", "/reset");
  }
}
