import { errorBodySchema } from "../../../shared/error-schemas.js";
import {
  HEALTH_PATH,
  healthResponseSchema,
  notReadyResponseSchema,
  READY_PATH,
  readyResponseSchema,
} from "../../../shared/wire/health.js";
import { type DocumentedResponse, type Operation } from "./operation.js";

const malformed: Record<string, DocumentedResponse> = {
  "4XX": { description: "A request the simulator refused (`error.code` says why).", schema: errorBodySchema },
};

/** What a load balancer in front of several instances asks, without a token. */
export const healthOperations: Operation[] = [
  {
    method: "get",
    path: HEALTH_PATH,
    operationId: "liveness",
    tag: "health",
    summary: "Liveness: the process answers",
    description: "Never touches the database, so a database outage does not take every instance out.",
    access: "public",
    responses: {
      "200": { description: "The process is alive.", schema: healthResponseSchema },
      ...malformed,
    },
  },
  {
    method: "get",
    path: READY_PATH,
    operationId: "readiness",
    tag: "health",
    summary: "Readiness: the database answers and its migrations are done",
    access: "public",
    responses: {
      "200": { description: "Ready to serve sign-ins.", schema: readyResponseSchema },
      "503": {
        description: "Not ready (database away or schema not current); retry after `Retry-After` seconds.",
        schema: notReadyResponseSchema,
      },
      ...malformed,
    },
  },
];
