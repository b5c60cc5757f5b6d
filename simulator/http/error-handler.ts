import { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { AppError, type ErrorCode, isAppError } from "../../shared/errors.js";
import { StorageUnavailableError } from "../store/storage.js";
import { httpStatusOf } from "./status.js";

function send(
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
) {
  const error = details === undefined ? { code, message } : { code, message, details };
  return reply.code(status).type("application/json; charset=utf-8").send({ error });
}

/** Maps fastify's own errors (body parsing, limits) to our codes. */
function fromFastify(error: FastifyError): AppError | null {
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new AppError("MALFORMED_JSON", "The request body is not valid JSON.");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError("PAYLOAD_TOO_LARGE", "The request body is too large.");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the request body as application/json.");
    default:
      break;
  }
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return new AppError("MALFORMED_JSON", "The request body is not valid JSON.");
  }
  if (error.statusCode === 429) return new AppError("RATE_LIMITED", "Too many requests. Wait and try again.");
  if (typeof error.statusCode === "number" && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError("INVALID_INPUT", "The request could not be understood.");
  }
  return null;
}

const databaseAwayMessage =
  "The 2FA server cannot reach its database just now (it may be restarting). Try again in a moment.";
const internalMessage = "Something went wrong inside the simulator.";

/**
 * Makes `reply` the answer to a request whose writes could not be committed, and returns its body:
 * 503 with Retry-After when the database is away (nothing was acknowledged: try again), else 500.
 * For an answer already on its way out (an onSend hook), which fastify's own error handler
 * would otherwise answer in its shape once ours has run for the request.
 */
export function uncommittedAnswer(request: FastifyRequest, reply: FastifyReply, cause: Error): string {
  const away = cause instanceof StorageUnavailableError;
  if (away) {
    request.log.warn({ err: cause }, "database unavailable");
    reply.header("retry-after", "1");
  } else {
    request.log.error({ err: cause }, "writes lost");
  }
  reply.code(away ? 503 : 500).type("application/json; charset=utf-8");
  const error = away
    ? { code: "SERVER_ERROR", message: databaseAwayMessage }
    : { code: "INTERNAL", message: internalMessage };
  return JSON.stringify({ error });
}

/** Every error leaves as `{error: {code, message}}`; nothing internal leaks. */
export function installErrorHandling(app: FastifyInstance, nowMs: () => number): void {
  app.setErrorHandler((rawError: FastifyError | AppError, request, reply) => {
    if (rawError instanceof StorageUnavailableError) {
      request.log.warn({ err: rawError }, "database unavailable");
      reply.header("retry-after", "1");
      return send(reply, 503, "SERVER_ERROR", databaseAwayMessage);
    }
    const error = isAppError(rawError) ? rawError : fromFastify(rawError);
    if (error === null) {
      request.log.error({ err: rawError }, "internal error");
      return send(reply, 500, "INTERNAL", internalMessage);
    }
    const status =
      !isAppError(rawError) && typeof rawError.statusCode === "number" && rawError.statusCode < 500
        ? rawError.statusCode
        : httpStatusOf(error.code);
    const retryAt = error.details?.["retryAt"];
    if (typeof retryAt === "string") {
      const seconds = Math.max(1, Math.ceil((Date.parse(retryAt) - nowMs()) / 1000));
      if (!reply.hasHeader("retry-after"))
        reply.header("retry-after", String(Number.isFinite(seconds) ? seconds : 1));
    }
    return send(reply, status, error.code, error.message, error.details);
  });
  app.setNotFoundHandler((request, reply) =>
    send(
      reply,
      404,
      "NOT_FOUND",
      `There is nothing at ${request.method} ${request.url.split("?")[0] ?? ""}.`,
    ),
  );
}
