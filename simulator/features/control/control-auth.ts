import { type FastifyInstance } from "fastify";
import { AppError } from "../../../shared/errors.js";
import { constantTimeEqual } from "../../crypto/tokens.js";
import { bearerToken } from "../../http/parse.js";

/**
 * Every /__sim/ call needs `Authorization: Bearer <control token>`: the token in force, read
 * per request (every instance on a database shares one).
 */
export function requireControlToken(app: FastifyInstance, source: { readonly controlToken: string }): void {
  app.addHook("onRequest", async (request) => {
    const token = bearerToken(request);
    if (token === null || !constantTimeEqual(token, source.controlToken)) {
      throw new AppError("UNAUTHORIZED", "The control API needs Authorization: Bearer <control token>.");
    }
  });
}
