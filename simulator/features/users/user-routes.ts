import { AppError } from "../../../shared/errors.js";
import {
  CONTROL_PREFIX,
  createUserRequestSchema,
  emptyQuerySchema,
  userPathSchema,
} from "../../../shared/wire/control.js";
import { endSessionsRequestSchema, type EndSessionsResponse } from "../../../shared/wire/session.js";
import { clientOf } from "../../context.js";
import { parseBody, parseQuery, parseWith } from "../../http/parse.js";
import { recordControl } from "../control/control-audit.js";
import { requireControlToken } from "../control/control-auth.js";
import { type FeaturePlugin } from "../feature.js";

/** The simulator's users, through the control API: create, list, read, unlock, end their sessions. */
export const userRoutes: FeaturePlugin = async (app, { ctx }) => {
  requireControlToken(app, ctx);
  const base = `${CONTROL_PREFIX}/users`;

  app.post(base, async (request, reply) => {
    const body = parseBody(createUserRequestSchema, request);
    const user = await ctx.userService.create(body);
    recordControl(ctx.audit, "control.user-create", clientOf(request), { userId: user.userKey });
    return reply.code(201).send({ user: await ctx.userService.view(user) });
  });

  app.get(base, async (request) => {
    parseQuery(emptyQuerySchema, request);
    const users = await ctx.users.list();
    return { users: await Promise.all(users.map((user) => ctx.userService.view(user))) };
  });

  app.get(`${base}/:userId`, async (request) => {
    const { userId } = parseWith(userPathSchema, request.params, "user ID");
    const user = await ctx.users.find(userId);
    if (user === undefined) throw new AppError("NOT_FOUND", `No user with ID ${userId}.`);
    return { user: await ctx.userService.view(user) };
  });

  app.post(`${base}/:userId/unlock`, async (request) => {
    const { userId } = parseWith(userPathSchema, request.params, "user ID");
    const user = await ctx.users.find(userId);
    if (user === undefined) throw new AppError("NOT_FOUND", `No user with ID ${userId}.`);
    await ctx.lockouts.unlock(user.userKey);
    recordControl(ctx.audit, "control.user-unlock", clientOf(request), { userId: user.userKey });
    return { user: await ctx.userService.view(user) };
  });

  // Rehearses a session ended by the server: the app returns to sign-in and says why.
  app.post(`${base}/:userId/sessions/end`, async (request): Promise<EndSessionsResponse> => {
    const { userId } = parseWith(userPathSchema, request.params, "user ID");
    const body = parseWith(endSessionsRequestSchema, request.body ?? {}, "request body");
    const user = await ctx.users.find(userId);
    if (user === undefined) throw new AppError("NOT_FOUND", `No user with ID ${userId}.`);
    const reason = body.reason ?? "signed-out-elsewhere";
    const ended = await ctx.sessions.endAllOf(user.userKey, reason);
    recordControl(ctx.audit, "control.sessions-end", clientOf(request), {
      userId: user.userKey,
      detail: `${ended} session(s), ${reason}`,
    });
    return { userId: user.userId, reason, ended };
  });
};
