import { type FastifyInstance } from "fastify";
import { AppError } from "../../../shared/errors.js";
import { constantTimeEqual } from "../../crypto/tokens.js";
import { bearerToken } from "../../http/parse.js";

/** Every /__sim/ call needs `Authorization: Bearer <control token>`. */
export function requireControlToken(app: FastifyInstance, controlToken: string): void {
  app.addHook("onRequest", async (request) => {
    const token = bearerToken(request);
    if (token === null || !constantTimeEqual(token, controlToken)) {
      throw new AppError("UNAUTHORIZED", "The control API needs Authorization: Bearer <control token>.");
    }
  });
}
