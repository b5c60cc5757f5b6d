import { AppError } from "../../../shared/errors.js";
import { API_PREFIX } from "../../../shared/wire/authn.js";
import {
  noQuerySchema,
  reauthenticateRequestSchema,
  REAUTHENTICATE_PATH,
  type RecentSignIns,
  SESSION_STATUS_PATH,
  SIGN_INS_PATH,
} from "../../../shared/wire/session.js";
import { clientOf } from "../../context.js";
import { bearerToken, parseBody, parseQuery } from "../../http/parse.js";
import { type FeaturePlugin } from "../feature.js";
import { reauthenticate, type ReauthenticateDeps } from "./reauthenticate.js";

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The signed-in session: who am I (extends the idle time), its state without extending it, sign out,
 * re-authentication to unlock a locked terminal, and the user's recent sign-ins.
 */
export const sessionRoutes: FeaturePlugin = async (app, { ctx }) => {
  const config = ctx.authnRateLimit;
  const tokenOf = (request: Parameters<typeof bearerToken>[0]): string => {
    const token = bearerToken(request);
    if (token === null)
      throw new AppError("UNAUTHORIZED", "Send the session token as Authorization: Bearer <token>.");
    return token;
  };

  app.get(`${API_PREFIX}/session`, { config }, async (request) => {
    const token = tokenOf(request);
    parseQuery(noQuerySchema, request);
    return { session: (await ctx.sessions.authenticate(token)).session };
  });

  app.get(SESSION_STATUS_PATH, { config }, async (request) => {
    const token = tokenOf(request);
    parseQuery(noQuerySchema, request);
    const { session } = await ctx.sessions.check(token);
    return { session, serverTime: ctx.clock.now().toISOString() };
  });

  app.delete(`${API_PREFIX}/session`, { config }, async (request, reply) => {
    const token = tokenOf(request);
    const revoked = await ctx.storage.transaction(async (tx) => {
      const ended = await ctx.sessions.in(tx).revoke(token);
      if (ended === false) return false;
      ctx.audit.in(tx).record({
        userId: ended.user?.userKey ?? null,
        event: "session.revoke",
        method: "session",
        outcome: "signed-out",
        clientAddress: clientOf(request).clientAddress,
      });
      return true;
    });
    if (!revoked) throw new AppError("UNAUTHORIZED", "This session is not known.");
    return reply.code(204).send();
  });

  app.post(REAUTHENTICATE_PATH, { config }, async (request) => {
    const token = tokenOf(request);
    const { password } = parseBody(reauthenticateRequestSchema, request);
    const deps: ReauthenticateDeps = {
      config: ctx.config,
      sessions: ctx.sessions,
      lockouts: ctx.lockouts,
      hasher: ctx.hasher,
      audit: ctx.audit,
      transaction: (work) => ctx.storage.transaction(work),
      now: () => ctx.clock.nowMs(),
    };
    return { session: await reauthenticate(deps, token, password, clientOf(request).clientAddress) };
  });

  app.get(SIGN_INS_PATH, { config }, async (request): Promise<RecentSignIns> => {
    const token = tokenOf(request);
    parseQuery(noQuerySchema, request);
    const { user, record } = await ctx.sessions.check(token);
    const previous = await ctx.storage.audit.lastSignIn(user.userKey, record.issuedAt);
    const failures = await ctx.storage.audit.failuresSince(user.userKey, previous?.at ?? -1);
    return {
      previous: previous === null ? null : { at: iso(previous.at), method: previous.method },
      failedAttempts: failures.count,
      lastFailureAt: failures.lastAt === null ? null : iso(failures.lastAt),
    };
  });
};
