import { AppError } from "../../../shared/errors.js";
import { normalizeUserId } from "../../../shared/user-id.js";
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
    // The user and the audit line: one commit.
    const user = await ctx.userService.create(body, (record) =>
      ctx.storage.transaction(async (tx) => {
        if (!(await tx.users.create(record))) return false;
        const userId = normalizeUserId(record.userId);
        recordControl(ctx.audit.in(tx), "control.user-create", clientOf(request), { userId });
        return true;
      }),
    );
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
    await ctx.storage.transaction(async (tx) => {
      await tx.lockouts.unlock(user.userKey);
      recordControl(ctx.audit.in(tx), "control.user-unlock", clientOf(request), { userId: user.userKey });
    });
    return { user: await ctx.userService.view(user) };
  });

  // Rehearses a session ended by the server: the app returns to sign-in and says why.
  app.post(`${base}/:userId/sessions/end`, async (request): Promise<EndSessionsResponse> => {
    const { userId } = parseWith(userPathSchema, request.params, "user ID");
    const body = parseWith(endSessionsRequestSchema, request.body ?? {}, "request body");
    const user = await ctx.users.find(userId);
    if (user === undefined) throw new AppError("NOT_FOUND", `No user with ID ${userId}.`);
    const reason = body.reason ?? "signed-out-elsewhere";
    const ended = await ctx.storage.transaction(async (tx) => {
      const count = await ctx.sessions.in(tx).endAllOf(user.userKey, reason);
      recordControl(ctx.audit.in(tx), "control.sessions-end", clientOf(request), {
        userId: user.userKey,
        detail: `${count} session(s), ${reason}`,
      });
      return count;
    });
    return { userId: user.userId, reason, ended };
  });
};
