import { z } from "zod";
import { errorBodySchema } from "../../../shared/error-schemas.js";
import {
  REHEARSAL_CHECKS_PATH,
  REHEARSAL_MOMENT_PATH,
  REHEARSAL_PATH,
  REHEARSAL_SITUATION_PATH,
  REHEARSAL_START_OVER_PATH,
  checkReportRequestSchema,
  momentRequestSchema,
  rehearsalStateSchema,
  situationRequestSchema,
} from "../../../shared/wire/rehearsal.js";
import { type DocumentedResponse, type Operation } from "./operation.js";

const answers = (
  description: string,
  schema: z.ZodType,
  status = "200",
): Record<string, DocumentedResponse> => ({
  [status]: { description, schema },
  "4XX": {
    description:
      "Refused: 401 without the control token, 400 `INVALID_INPUT`, 404 `NOT_FOUND` (naming the situations).",
    schema: errorBodySchema,
  },
  "5XX": { description: "`INTERNAL`: the simulator could not do it.", schema: errorBodySchema },
});

const state = "The rehearsal: status, the moment chosen, the presets, the schedule, the situations.";

/** The trainer's routes of the control API: the simulated moment, a situation on top, start over. */
export const rehearsalOperations: Operation[] = [
  {
    method: "get",
    path: REHEARSAL_PATH,
    operationId: "getRehearsal",
    tag: "rehearsal",
    summary: "The rehearsal's state",
    access: "control",
    responses: answers(state, rehearsalStateSchema),
  },
  {
    method: "put",
    path: REHEARSAL_MOMENT_PATH,
    operationId: "chooseMoment",
    tag: "rehearsal",
    summary: "Choose the simulated moment: a preset of the schedule, an instant, or real time",
    description: "The clock moves there and any pinned phase is let go; audit `trainer.moment`.",
    access: "control",
    body: momentRequestSchema,
    responses: answers(state, rehearsalStateSchema),
  },
  {
    method: "put",
    path: REHEARSAL_SITUATION_PATH,
    operationId: "chooseSituation",
    tag: "rehearsal",
    summary: "Put a shipped situation's users and faults on top of the moment",
    description: "The clock stays; audit `trainer.situation`.",
    access: "control",
    body: situationRequestSchema,
    responses: answers(state, rehearsalStateSchema),
  },
  {
    method: "post",
    path: REHEARSAL_START_OVER_PATH,
    operationId: "startOver",
    tag: "rehearsal",
    summary: "Start over: the seeded users at the chosen moment, the audit log kept",
    access: "control",
    responses: answers(state, rehearsalStateSchema),
  },
  {
    method: "post",
    path: REHEARSAL_CHECKS_PATH,
    operationId: "reportConnectivityCheck",
    tag: "rehearsal",
    summary: "Record that a user of this simulator ran the connectivity check",
    description: "Audit `practice.connectivity-check` for that user.",
    access: "control",
    body: checkReportRequestSchema,
    responses: answers("Recorded.", z.object({ recorded: z.literal(true) }), "201"),
  },
];
