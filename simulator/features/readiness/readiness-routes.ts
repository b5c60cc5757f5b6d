import { type FastifyRequest } from "fastify";
import { AppError } from "../../../shared/errors.js";
import {
  PC_REPORT_MAX_BYTES,
  PC_RESULTS_ROUTE,
  participantParamsSchema,
  READINESS_ROUTE,
  readinessQuerySchema,
  submitPcResultRequestSchema,
} from "../../../shared/wire/readiness.js";
import { clientOf } from "../../context.js";
import { bearerToken, parseBody, parseQuery, parseWith } from "../../http/parse.js";
import { type FeaturePlugin } from "../feature.js";
import { ReadinessService, tooLarge } from "./readiness-service.js";

/** A report's JSON text inside the request's JSON may double in size (escapes); room for the other fields. */
const PC_RESULT_BODY_LIMIT = 2 * PC_REPORT_MAX_BYTES + 4096;

/**
 * The readiness board of a participant (its DA, through the admin API) and the terminal PCs'
 * connectivity results that reach it (any signed-in user of the participant).
 */
export const readinessRoutes: FeaturePlugin = async (app, { ctx }) => {
  const service = new ReadinessService({
    store: ctx.storage.readiness,
    audit: ctx.audit,
    transaction: (work) => ctx.storage.transaction(work),
    schedule: ctx.phases.schedule,
    phase: () => ctx.phases.current(),
    now: () => ctx.clock.nowMs(),
    daEmail: ctx.daEmail,
  });
  const config = ctx.authnRateLimit;

  const signedIn = async (request: FastifyRequest) => {
    const token = bearerToken(request);
    if (token === null) {
      throw new AppError("UNAUTHORIZED", "Sign in and send Authorization: Bearer <session token>.");
    }
    return (await ctx.sessions.authenticate(token)).user;
  };

  app.get(READINESS_ROUTE, { config }, async (request) => {
    const user = await signedIn(request);
    const { participant } = parseWith(participantParamsSchema, request.params, "participant");
    const query = parseQuery(readinessQuerySchema, request);
    return service.board(user, participant, query, clientOf(request).clientAddress);
  });

  app.post(
    PC_RESULTS_ROUTE,
    {
      config,
      bodyLimit: PC_RESULT_BODY_LIMIT,
      // An upload announced larger than any report is refused before its body is read.
      onRequest: async (request) => {
        const length = Number(request.headers["content-length"]);
        if (Number.isFinite(length) && length > PC_RESULT_BODY_LIMIT) throw tooLarge(length);
      },
    },
    async (request, reply) => {
      const user = await signedIn(request);
      const { participant } = parseWith(participantParamsSchema, request.params, "participant");
      const body = parseBody(submitPcResultRequestSchema, request);
      const result = await service.submit(user, participant, body, clientOf(request).clientAddress);
      return reply.code(201).send({ result });
    },
  );
};
