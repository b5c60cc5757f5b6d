import { timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ErrorCode } from "../../shared/errors.js";

/** The origins the page itself is served from; anything else is foreign. */
export function ownOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

export function sendError(
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  message: string,
): FastifyReply {
  return reply.code(status).header("Cache-Control", "no-store").send({ error: { code, message } });
}

/**
 * Refuses foreign origins and foreign Host headers (DNS rebinding) on every
 * request, and requires the launch token on every /api call.
 */
export function createGuard(token: string, port: () => number) {
  const expected = Buffer.from(token);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const origins = ownOrigins(port());
    const origin = request.headers.origin;
    if (origin !== undefined && !origins.has(origin)) {
      return sendError(reply, 403, "ORIGIN_REFUSED", "Requests from other sites are refused.");
    }
    const host = request.headers.host;
    if (host === undefined || !origins.has(`http://${host}`)) {
      return sendError(reply, 403, "FORBIDDEN", "This server answers only on 127.0.0.1 and localhost.");
    }
    if (!request.url.startsWith("/api/") && request.url !== "/api") return undefined;
    const header = request.headers.authorization ?? "";
    const given = Buffer.from(header.startsWith("Bearer ") ? header.slice(7) : "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return sendError(
        reply,
        401,
        "UNAUTHORIZED",
        "Open the app with the address printed at launch (it carries the access token).",
      );
    }
    return undefined;
  };
}
