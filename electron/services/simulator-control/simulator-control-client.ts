import type { AxiosInstance } from "axios";
import { z } from "zod";
import { AppError, isAppError } from "../../../shared/errors.js";
import {
  CONTROL_PREFIX,
  auditResponseSchema,
  simUserResponseSchema,
  type AuditEvent,
  type SimUser,
} from "../../../shared/wire/control.js";
import {
  REHEARSAL_CHECKS_PATH,
  REHEARSAL_MOMENT_PATH,
  REHEARSAL_PATH,
  REHEARSAL_SITUATION_PATH,
  REHEARSAL_START_OVER_PATH,
  rehearsalStateSchema,
  type CheckReportRequest,
  type MomentRequest,
  type RehearsalState,
} from "../../../shared/wire/rehearsal.js";
import {
  DA_EMAIL_APPLICATIONS_PATH,
  daEmailApplicationsResponseSchema,
  type DaEmailApplication,
} from "../../../shared/wire/da-email.js";
import {
  ROOM_PATH,
  roomEndSessionResponseSchema,
  roomSchema,
  roomStartOverResponseSchema,
  roomTraineePath,
  roomUnlockResponseSchema,
  type Room,
  type RoomEndSessionResponse,
  type RoomStartOverResponse,
  type RoomUnlockResponse,
} from "../../../shared/wire/room.js";
import { issueCardResponseSchema } from "../../../shared/wire/smartcard.js";
import { requestJson, type JsonRequest } from "../http/request-json.js";

/** How many audit events one look at a user's practice reads at most. */
export const PRACTICE_AUDIT_LIMIT = 5000;

/**
 * The simulator's control API, over HTTPS with its control token, exactly as
 * QA tools reach it: wherever the simulator runs (in the app, in a process of
 * its own, in a training room), this is the only way the app changes it.
 */
export class SimulatorControlClient {
  constructor(
    private readonly http: AxiosInstance,
    private readonly token: string,
  ) {}

  rehearsal(): Promise<RehearsalState> {
    return this.call({ method: "GET", url: REHEARSAL_PATH }, rehearsalStateSchema);
  }

  setMoment(request: MomentRequest): Promise<RehearsalState> {
    return this.call({ method: "PUT", url: REHEARSAL_MOMENT_PATH, data: request }, rehearsalStateSchema);
  }

  applySituation(name: string): Promise<RehearsalState> {
    return this.call({ method: "PUT", url: REHEARSAL_SITUATION_PATH, data: { name } }, rehearsalStateSchema);
  }

  startOver(): Promise<RehearsalState> {
    return this.call({ method: "POST", url: REHEARSAL_START_OVER_PATH, data: {} }, rehearsalStateSchema);
  }

  async user(userId: string): Promise<SimUser> {
    const url = `${CONTROL_PREFIX}/users/${encodeURIComponent(userId)}`;
    return (await this.call({ method: "GET", url }, simUserResponseSchema)).user;
  }

  async audit(filter: { userId?: string; event?: string }): Promise<AuditEvent[]> {
    const params: Record<string, string> = { limit: String(PRACTICE_AUDIT_LIMIT) };
    if (filter.userId !== undefined) params.userId = filter.userId;
    if (filter.event !== undefined) params.event = filter.event;
    const body = await this.call(
      { method: "GET", url: `${CONTROL_PREFIX}/audit`, params },
      auditResponseSchema,
    );
    return body.events;
  }

  /** A card file for a card holder, signed by the simulator's CA (its content; nothing is written to disk). */
  async issueCard(request: { userId: string; pin: string }): Promise<unknown> {
    return (
      await this.call(
        { method: "POST", url: `${CONTROL_PREFIX}/cards`, data: request },
        issueCardResponseSchema,
      )
    ).card;
  }

  /** DAs' email applications HKEX is still processing. */
  async pendingDaEmailApplications(): Promise<DaEmailApplication[]> {
    const url = DA_EMAIL_APPLICATIONS_PATH;
    const params = { status: "processing" };
    return (await this.call({ method: "GET", url, params }, daEmailApplicationsResponseSchema)).applications;
  }

  room(): Promise<Room> {
    return this.call({ method: "GET", url: ROOM_PATH }, roomSchema);
  }

  unlockTrainee(userId: string): Promise<RoomUnlockResponse> {
    const url = roomTraineePath(userId, "unlock");
    return this.call({ method: "POST", url, data: {} }, roomUnlockResponseSchema);
  }

  endTraineeSession(userId: string): Promise<RoomEndSessionResponse> {
    const url = roomTraineePath(userId, "end-session");
    return this.call({ method: "POST", url, data: {} }, roomEndSessionResponseSchema);
  }

  startTraineeOver(userId: string): Promise<RoomStartOverResponse> {
    const url = roomTraineePath(userId, "start-over");
    return this.call({ method: "POST", url, data: {} }, roomStartOverResponseSchema);
  }

  async reportCheck(request: CheckReportRequest): Promise<void> {
    await this.call({ method: "POST", url: REHEARSAL_CHECKS_PATH, data: request }, z.unknown());
  }

  private async call<S extends z.ZodType>(request: JsonRequest, schema: S): Promise<z.output<S>> {
    try {
      return await requestJson(this.http, { ...request, bearer: this.token }, schema);
    } catch (error) {
      if (isAppError(error) && error.code === "UNAUTHORIZED") {
        throw new AppError(
          "CONTROL_TOKEN_REFUSED",
          "The simulator refused the control token. Use the token the simulator printed when it started (“Control token: …”).",
        );
      }
      throw error;
    }
  }
}
