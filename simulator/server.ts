import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import rateLimit from "@fastify/rate-limit";
import { AppError } from "../shared/errors.js";
import { type ServerCredentials } from "./ca/index.js";
import { type SimulatorContext } from "./context.js";
import { features } from "./features/index.js";
import { commitBeforeAnswer } from "./http/commit-before-answer.js";
import { installErrorHandling } from "./http/error-handler.js";
import { sharedRateLimitStore } from "./http/shared-rate-limit.js";
import { HEALTH_PATH, READY_PATH } from "../shared/wire/health.js";

export interface BuildServerOptions {
  ctx: SimulatorContext;
  tls: ServerCredentials;
  logger: boolean;
}

/** The root: HTTPS fastify, commit before answer, error mapping, rate limiting, then every feature plugin. */
export async function buildServer({ ctx, tls, logger }: BuildServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    https: { key: tls.keyPem, cert: tls.certPem },
    bodyLimit: ctx.config.bodyLimitBytes,
    // Request lines only: bodies (passwords, OTPs) and headers (tokens) are never logged.
    logger: logger
      ? { level: "info", serializers: { req: (req) => ({ method: req.method, url: req.url }) } }
      : false,
    forceCloseConnections: true,
    // Errors fastify raises before routing (bad URL encoding, over-long path parameters) get our error body too.
    frameworkErrors: (error, _request, rawReply) => {
      const tooLong = error.code === "FST_ERR_MAX_PARAM_LENGTH";
      const reply = rawReply as unknown as FastifyReply;
      return reply
        .code(tooLong ? 414 : 400)
        .type("application/json; charset=utf-8")
        .send({
          error: {
            code: "INVALID_INPUT",
            message: tooLong ? "A part of the address is too long." : "The address is not valid.",
          },
        });
    },
    // Requests Node's HTTP parser itself refuses still get our error shape.
    clientErrorHandler: (_error, socket) => {
      if (!socket.writable) return;
      const body = JSON.stringify({
        error: { code: "INVALID_INPUT", message: "The HTTP request could not be parsed." },
      });
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
    return503OnClosing: true,
    // /sso/ is /sso, as a browser user types it; one route, one documented path.
    routerOptions: { ignoreTrailingSlash: true },
  });
  // JSON bodies only: anything else is read (so the connection stays usable) and refused with 415.
  app.removeContentTypeParser("text/plain");
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, _body, done) => {
    done(new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the request body as application/json."), undefined);
  });
  // An empty body needs no parser, whatever content type a client labels it with; an
  // unlabelled body goes to the catch-all parser, which reads it and answers 415.
  app.addHook("onRequest", async (request) => {
    const { headers } = request;
    if (headers["content-length"] === "0") delete headers["content-type"];
    else if (
      headers["content-type"] === undefined &&
      (headers["transfer-encoding"] !== undefined || headers["content-length"] !== undefined)
    ) {
      headers["content-type"] = "application/octet-stream";
    }
  });
  commitBeforeAnswer(app, ctx.storage.commits);
  // The control state (clock, pin, faults, token) as it stands when the request arrives, whichever
  // instance changed it; health checks never wait on the database.
  app.addHook("onRequest", async (request) => {
    const path = request.url.split("?")[0];
    if (path !== HEALTH_PATH && path !== READY_PATH) await ctx.control.refresh();
  });
  installErrorHandling(app, () => ctx.clock.nowMs());
  const rateLimits = ctx.storage.rateLimits;
  await app.register(rateLimit, {
    global: false,
    ...(rateLimits === null ? {} : { store: sharedRateLimitStore(rateLimits) }),
    errorResponseBuilder: (_request, context) =>
      new AppError("RATE_LIMITED", `Too many requests from this address. Try again after ${context.after}.`),
  });
  for (const feature of features) {
    await app.register(feature.plugin, { ctx });
  }
  return app;
}
