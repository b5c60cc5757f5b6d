import { type z } from "zod";
import { errorBodySchema } from "../../../shared/error-schemas.js";
import {
  DA_EMAIL_APPLICATIONS_PATH,
  DA_EMAIL_PROCESS_PATH,
  daEmailApplicationsQuerySchema,
  daEmailApplicationsResponseSchema,
  daEmailProcessResponseSchema,
} from "../../../shared/wire/da-email.js";
import {
  ROOM_PATH,
  roomEndSessionResponseSchema,
  roomSchema,
  roomStartOverResponseSchema,
  roomTraineeParamsSchema,
  roomTraineeRoute,
  roomUnlockResponseSchema,
} from "../../../shared/wire/room.js";
import { emptyQuerySchema } from "../../../shared/wire/control.js";
import { type DocumentedResponse, type Operation } from "./operation.js";

const answers = (description: string, schema: z.ZodType): Record<string, DocumentedResponse> => ({
  "200": { description, schema },
  "4XX": {
    description:
      "Refused: 401 without the control token, 400 `INVALID_INPUT`, 404 `NOT_FOUND` (no such user).",
    schema: errorBodySchema,
  },
  "5XX": { description: "`INTERNAL`: the simulator could not do it.", schema: errorBodySchema },
});

/** fastify's `:userId` as an OpenAPI path template. */
const template = (route: string): string => route.replace(":userId", "{userId}");

/** The trainer's view of the room, and HKEX's processing of DAs' email applications (control token). */
export const roomOperations: Operation[] = [
  {
    method: "get",
    path: ROOM_PATH,
    operationId: "getRoom",
    tag: "rehearsal",
    summary: "The room: every user who has signed in or tried since the last start over",
    description:
      "Each trainee's participant, whether signed in now, any lock, the step of the sign-in (password, OTP, " +
      "method choice, smartcard, desktop) and the practice items done of those that apply at the simulated " +
      "moment. Every instance on one database shows the same room.",
    access: "control",
    query: emptyQuerySchema,
    responses: answers("The room.", roomSchema),
  },
  {
    method: "post",
    path: template(roomTraineeRoute("unlock")),
    operationId: "unlockTrainee",
    tag: "rehearsal",
    summary: "Unlock one trainee's account",
    description: "Audit `trainer.unlock`.",
    access: "control",
    params: roomTraineeParamsSchema,
    responses: answers("Whether the account was locked.", roomUnlockResponseSchema),
  },
  {
    method: "post",
    path: template(roomTraineeRoute("end-session")),
    operationId: "endTraineeSession",
    tag: "rehearsal",
    summary: "End one trainee's live sessions",
    description:
      "Their app returns to sign-in and says the session was ended from elsewhere. Audit `trainer.end-session`.",
    access: "control",
    params: roomTraineeParamsSchema,
    responses: answers("How many sessions ended.", roomEndSessionResponseSchema),
  },
  {
    method: "post",
    path: template(roomTraineeRoute("start-over")),
    operationId: "startTraineeOver",
    tag: "rehearsal",
    summary: "Start one trainee over: their sign-ins, lock, codes and practice record, nobody else's",
    description:
      "Their sessions end; their sign-ins in progress (and codes), failures and lock, mail and audit events " +
      "(with the email registrations they made as a DA) are forgotten, so they leave the room until they try " +
      "again. Audit `trainer.trainee-start-over`.",
    access: "control",
    params: roomTraineeParamsSchema,
    responses: answers("How many sessions ended.", roomStartOverResponseSchema),
  },
  {
    method: "get",
    path: DA_EMAIL_APPLICATIONS_PATH,
    operationId: "listDaEmailApplications",
    tag: "hkex",
    summary: "DAs' email applications, as HKEX has them",
    description:
      "Each with participant, DA, masked address, who submitted it and when, status (`processing`, " +
      "`effective`, `superseded`), when it is due on the simulated clock, when it was processed, and whether it " +
      "was late (submitted on or after the registration deadline). Those due are processed first.",
    access: "control",
    query: daEmailApplicationsQuerySchema,
    responses: answers("The applications, oldest first.", daEmailApplicationsResponseSchema),
  },
  {
    method: "post",
    path: DA_EMAIL_PROCESS_PATH,
    operationId: "processDaEmailApplications",
    tag: "hkex",
    summary: "HKEX processes every pending DA's email application now",
    description:
      "Each address becomes the DA's for 2FA; the old and new addresses are told. Audit " +
      "`hkex.da-email.processed` for each and `control.da-email-process`.",
    access: "control",
    responses: answers("The applications processed by this call.", daEmailProcessResponseSchema),
  },
];
