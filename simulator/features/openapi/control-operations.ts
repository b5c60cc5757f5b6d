import { z } from "zod";
import { errorBodySchema } from "../../../shared/error-schemas.js";
import {
  CONTROL_PREFIX,
  auditQuerySchema,
  auditResponseSchema,
  clockRequestSchema,
  clockResponseSchema,
  createUserRequestSchema,
  mailboxQuerySchema,
  mailboxResponseSchema,
  phaseRequestSchema,
  phaseResponseSchema,
  resetResponseSchema,
  routesResponseSchema,
  simStatusSchema,
  simUserResponseSchema,
  simUsersResponseSchema,
  userPathSchema,
} from "../../../shared/wire/control.js";
import { faultsRequestSchema, faultsResponseSchema } from "../../../shared/wire/faults.js";
import { endSessionsRequestSchema, endSessionsResponseSchema } from "../../../shared/wire/session.js";
import { issueCardRequestSchema } from "../../../shared/wire/smartcard.js";
import { cardFileSchema } from "../../smartcard/card-file.js";
import { type DocumentedResponse, type Operation } from "./operation.js";

export const OPENAPI_PATH = `${CONTROL_PREFIX}/openapi.json`;

const refused: Record<string, DocumentedResponse> = {
  "4XX": {
    description:
      "Refused: 401 without the control token, 400 `INVALID_INPUT`, 404 `NOT_FOUND`, 409 `CONFLICT`, …",
    schema: errorBodySchema,
  },
  "5XX": { description: "`INTERNAL`: the simulator could not do it.", schema: errorBodySchema },
};

const ok = (description: string, schema: z.ZodType, status = "200"): Record<string, DocumentedResponse> => ({
  [status]: { description, schema },
  ...refused,
});

const p = CONTROL_PREFIX;

/** The QA control API under /__sim/ (bearer control token), and this document. */
export const controlOperations: Operation[] = [
  {
    method: "post",
    path: `${p}/users`,
    operationId: "createUser",
    tag: "control",
    summary: "Create a user",
    access: "control",
    body: createUserRequestSchema,
    responses: ok("The user as created (never its password or hash).", simUserResponseSchema, "201"),
  },
  {
    method: "get",
    path: `${p}/users`,
    operationId: "listUsers",
    tag: "control",
    summary: "Every user",
    access: "control",
    responses: ok("The users.", simUsersResponseSchema),
  },
  {
    method: "get",
    path: `${p}/users/{userId}`,
    operationId: "getUser",
    tag: "control",
    summary: "One user",
    access: "control",
    params: userPathSchema,
    responses: ok("The user.", simUserResponseSchema),
  },
  {
    method: "post",
    path: `${p}/users/{userId}/unlock`,
    operationId: "unlockUser",
    tag: "control",
    summary: "Clear a user's lockout",
    access: "control",
    params: userPathSchema,
    responses: ok("The user.", simUserResponseSchema),
  },
  {
    method: "post",
    path: `${p}/users/{userId}/sessions/end`,
    operationId: "endUserSessions",
    tag: "control",
    summary: "End every live session of a user, to rehearse a session the server ends",
    description:
      "The app returns to sign-in and says why, from `reason` (default `signed-out-elsewhere`). Every " +
      "request with the ended sessions' tokens answers 401 `SESSION_EXPIRED` with that reason.",
    access: "control",
    params: userPathSchema,
    body: endSessionsRequestSchema,
    responses: ok("How many sessions ended, and the reason they were given.", endSessionsResponseSchema),
  },
  {
    method: "get",
    path: `${p}/mailbox`,
    operationId: "readMailbox",
    tag: "control",
    summary: "The mail sent to an address or a user, oldest first",
    description:
      "Give `to` or `userId`. Each message carries its one-time password in `otp` (null for other mail).",
    access: "control",
    query: mailboxQuerySchema,
    responses: ok("The messages.", mailboxResponseSchema),
  },
  {
    method: "get",
    path: `${p}/status`,
    operationId: "getStatus",
    tag: "control",
    summary: "Phase and simulated time",
    access: "control",
    responses: ok("The status.", simStatusSchema),
  },
  {
    method: "get",
    path: `${p}/clock`,
    operationId: "getClock",
    tag: "control",
    summary: "The simulated clock",
    access: "control",
    responses: ok("The clock.", clockResponseSchema),
  },
  {
    method: "put",
    path: `${p}/clock`,
    operationId: "setClock",
    tag: "control",
    summary: "Move the simulated clock",
    description:
      "`{now}` jumps to a time (which then runs on), `{offsetMs}` shifts it, `{}` returns to real time.",
    access: "control",
    body: clockRequestSchema,
    responses: ok("The clock.", clockResponseSchema),
  },
  {
    method: "get",
    path: `${p}/phase`,
    operationId: "getPhase",
    tag: "control",
    summary: "The migration phase and the schedule",
    access: "control",
    responses: ok("The phase.", phaseResponseSchema),
  },
  {
    method: "put",
    path: `${p}/phase`,
    operationId: "setPhase",
    tag: "control",
    summary: "Pin a phase, or follow the clock again",
    description: "`{phase}` pins it; `{phase: null}` follows the clock and the schedule.",
    access: "control",
    body: phaseRequestSchema,
    responses: ok("The phase.", phaseResponseSchema),
  },
  {
    method: "get",
    path: `${p}/faults`,
    operationId: "getFaults",
    tag: "control",
    summary: "The injected faults",
    access: "control",
    responses: ok("The faults in force.", faultsResponseSchema),
  },
  {
    method: "put",
    path: `${p}/faults`,
    operationId: "setFaults",
    tag: "control",
    summary: "Inject faults into /sso/api/v1 and the mail",
    description:
      "Each field optional; `{}` clears them all. Latency and failures (503, `Retry-After: 1`) apply to `/sso/api/v1/*`.",
    access: "control",
    body: faultsRequestSchema,
    responses: ok("The faults in force.", faultsResponseSchema),
  },
  {
    method: "get",
    path: `${p}/audit`,
    operationId: "readAudit",
    tag: "control",
    summary: "The audit log (never a password, code or token)",
    access: "control",
    query: auditQuerySchema,
    responses: ok("The events, oldest first.", auditResponseSchema),
  },
  {
    method: "post",
    path: `${p}/reset`,
    operationId: "reset",
    tag: "control",
    summary:
      "Back to the seeded users, real time, no pinned phase or faults (and the start-up scenario again)",
    access: "control",
    responses: ok("The status after the reset.", resetResponseSchema),
  },
  {
    method: "post",
    path: `${p}/cards`,
    operationId: "issueCard",
    tag: "control",
    summary: "Issue a smartcard file for the virtual card or the simulated reader",
    access: "control",
    body: issueCardRequestSchema,
    responses: ok("The card file.", z.object({ card: cardFileSchema }), "201"),
  },
  {
    method: "get",
    path: `${p}/routes`,
    operationId: "listRoutes",
    tag: "control",
    summary: "Every route the simulator serves",
    access: "control",
    responses: ok("The routes.", routesResponseSchema),
  },
  {
    method: "get",
    path: OPENAPI_PATH,
    operationId: "openApiDocument",
    tag: "control",
    summary: "This document (no token needed)",
    access: "public",
    responses: ok("The OpenAPI 3.1 document.", z.looseObject({ openapi: z.literal("3.1.0") })),
  },
];
