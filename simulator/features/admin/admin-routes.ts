import { z } from "zod";
import { AppError } from "../../../shared/errors.js";
import { ADMIN_PREFIX, adminUserParamsSchema, setEmailRequestSchema } from "../../../shared/wire/admin.js";
import { clientOf } from "../../context.js";
import { bearerToken, parseBody, parseQuery, parseWith } from "../../http/parse.js";
import { type FeaturePlugin } from "../feature.js";
import { type AdminActor, AdminService } from "./admin-service.js";

const emptyQuerySchema = z.strictObject({});

/**
 * The Delegated Administrator API: a DA, signed in, lists the users of their
 * participant, registers or changes their email addresses and unlocks them.
 */
export const adminRoutes: FeaturePlugin = async (app, { ctx }) => {
  const service = new AdminService({
    users: ctx.users,
    lockouts: ctx.lockouts,
    audit: ctx.audit,
    mailer: ctx.mailer,
    schedule: ctx.phases.schedule,
    now: () => ctx.clock.nowMs(),
    endSessionsOf: (userKey, tx) => ctx.sessions.in(tx).endAllOf(userKey, "account-locked"),
    transaction: (work) => ctx.storage.transaction(work),
    daEmail: ctx.daEmail,
  });
  const config = ctx.authnRateLimit;

  const actorOf = async (request: Parameters<typeof clientOf>[0]): Promise<AdminActor> => {
    const token = bearerToken(request);
    if (token === null) {
      throw new AppError(
        "UNAUTHORIZED",
        "Sign in as a Delegated Administrator and send Authorization: Bearer <token>.",
      );
    }
    const { user } = await ctx.sessions.authenticate(token);
    return { user, clientAddress: clientOf(request).clientAddress };
  };

  app.get(`${ADMIN_PREFIX}/users`, { config }, async (request) => {
    const actor = await actorOf(request);
    parseQuery(emptyQuerySchema, request);
    return service.list(actor);
  });

  app.put(`${ADMIN_PREFIX}/users/:userId/email`, { config }, async (request) => {
    const actor = await actorOf(request);
    const { userId } = parseWith(adminUserParamsSchema, request.params, "user ID");
    const { email } = parseBody(setEmailRequestSchema, request);
    return service.setEmail(actor, userId, email);
  });

  app.post(`${ADMIN_PREFIX}/users/:userId/unlock`, { config }, async (request) => {
    const actor = await actorOf(request);
    const { userId } = parseWith(adminUserParamsSchema, request.params, "user ID");
    return service.unlock(actor, userId);
  });

  app.post(`${ADMIN_PREFIX}/users/:userId/lock`, { config }, async (request) => {
    const actor = await actorOf(request);
    const { userId } = parseWith(adminUserParamsSchema, request.params, "user ID");
    return service.lock(actor, userId);
  });
};
