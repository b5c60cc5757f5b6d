import { type z } from "zod";
import { errorBodySchema } from "../../../shared/error-schemas.js";
import {
  PC_RESULTS_ROUTE,
  participantParamsSchema,
  READINESS_ROUTE,
  readinessBoardSchema,
  readinessQuerySchema,
  submitPcResultRequestSchema,
  submitPcResultResponseSchema,
} from "../../../shared/wire/readiness.js";
import { type DocumentedResponse, type Operation } from "./operation.js";

const answers = (
  description: string,
  schema: z.ZodType,
  refusals: string,
  status = "200",
): Record<string, DocumentedResponse> => ({
  [status]: { description, schema },
  "4XX": { description: `Refused: ${refusals}`, schema: errorBodySchema },
  "5XX": { description: "`INTERNAL`: the server could not do it.", schema: errorBodySchema },
});

/** fastify's `:participant` as an OpenAPI path template. */
const template = (route: string): string => route.replace(":participant", "{participant}");

/** A participant's migration readiness: its DA's board, and the terminal PCs' results that reach it. */
export const readinessOperations: Operation[] = [
  {
    method: "get",
    path: template(READINESS_ROUTE),
    operationId: "readinessBoard",
    tag: "administration",
    summary: "The participant's migration readiness board (its DAs only)",
    description:
      "Deadlines with their status at the simulated date, the users (a page of them; every count covers all), " +
      "each terminal PC's latest connectivity result, and the verdict with its reasons.",
    access: "session",
    params: participantParamsSchema,
    query: readinessQuerySchema,
    responses: answers(
      "The board.",
      readinessBoardSchema,
      "401 `UNAUTHORIZED` or `SESSION_EXPIRED`; 403 `FORBIDDEN` for a user who is not a DA and for another " +
        "participant's board; 400 `INVALID_INPUT`.",
    ),
  },
  {
    method: "post",
    path: template(PC_RESULTS_ROUTE),
    operationId: "submitPcResult",
    tag: "administration",
    summary: "A terminal PC's connectivity result for the participant's board (any of its signed-in users)",
    description:
      "`report` is the JSON text of `ccms-check --json` or of the app's JSON report, at most 64 KB; nothing is " +
      "stored unless it is accepted.",
    access: "session",
    params: participantParamsSchema,
    body: submitPcResultRequestSchema,
    responses: answers(
      "The result as stored.",
      submitPcResultResponseSchema,
      "400 `REPORT_INVALID` (not JSON, or not a connectivity report: `details.reason`), 413 " +
        "`REPORT_TOO_LARGE`, 409 `DUPLICATE_RESULT` (the same PC's check within a second), 403 `FORBIDDEN` " +
        "for another participant, 401 `UNAUTHORIZED` or `SESSION_EXPIRED`.",
      "201",
    ),
  },
];
