import { AppError } from "../../../shared/errors.js";
import { API_PREFIX } from "../../../shared/wire/authn.js";
import { clientOf } from "../../context.js";
import { bearerToken } from "../../http/parse.js";
import { type FeaturePlugin } from "../feature.js";

/** GET /sso/api/v1/session (who am I, extends idle time) and DELETE (sign out). */
export const sessionRoutes: FeaturePlugin = async (app, { ctx }) => {
  const config = ctx.authnRateLimit;

  app.get(`${API_PREFIX}/session`, { config }, async (request) => {
    const token = bearerToken(request);
    if (token === null)
      throw new AppError("UNAUTHORIZED", "Send the session token as Authorization: Bearer <token>.");
    return { session: (await ctx.sessions.authenticate(token)).session };
  });

  app.delete(`${API_PREFIX}/session`, { config }, async (request, reply) => {
    const token = bearerToken(request);
    if (token === null)
      throw new AppError("UNAUTHORIZED", "Send the session token as Authorization: Bearer <token>.");
    const revoked = await ctx.sessions.revoke(token);
    if (revoked === false) throw new AppError("UNAUTHORIZED", "This session is not known.");
    ctx.audit.record({
      userId: revoked.user?.userKey ?? null,
      event: "session.revoke",
      method: "session",
      outcome: "signed-out",
      clientAddress: clientOf(request).clientAddress,
    });
    return reply.code(204).send();
  });
};
