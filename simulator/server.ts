import Fastify, { type FastifyInstance } from "fastify";
import rateLimit from "@fastify/rate-limit";
import { AppError } from "../shared/errors.js";
import { type ServerCredentials } from "./ca/index.js";
import { type SimulatorContext } from "./context.js";
import { features } from "./features/index.js";
import { installErrorHandling } from "./http/error-handler.js";

export interface BuildServerOptions {
  ctx: SimulatorContext;
  tls: ServerCredentials;
  logger: boolean;
}

/** The root: HTTPS fastify, error mapping, rate limiting, then every feature plugin. */
export async function buildServer({ ctx, tls, logger }: BuildServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    https: { key: tls.keyPem, cert: tls.certPem },
    bodyLimit: ctx.config.bodyLimitBytes,
    // Request lines only: bodies (passwords, OTPs) and headers (tokens) are never logged.
    logger: logger
      ? { level: "info", serializers: { req: (req) => ({ method: req.method, url: req.url }) } }
      : false,
    forceCloseConnections: true,
    return503OnClosing: true,
  });
  // JSON bodies only: anything else is 415.
  app.removeContentTypeParser("text/plain");
  // An empty body needs no parser, whatever content type a client labels it with.
  app.addHook("onRequest", async (request) => {
    if (request.headers["content-length"] === "0") delete request.headers["content-type"];
  });
  installErrorHandling(app, () => ctx.clock.nowMs());
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError("RATE_LIMITED", `Too many requests from this address. Try again after ${context.after}.`),
  });
  for (const feature of features) {
    await app.register(feature.plugin, { ctx });
  }
  return app;
}
