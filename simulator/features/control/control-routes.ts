import { z } from "zod";
import { AppError } from "../../../shared/errors.js";
import {
  CONTROL_PREFIX,
  auditQuerySchema,
  clockRequestSchema,
  createUserRequestSchema,
  mailboxQuerySchema,
  phaseRequestSchema,
  type PhaseResponse,
  type SimStatus,
} from "../../../shared/wire/control.js";
import { userIdSchema } from "../../../shared/wire/authn.js";
import { clientOf } from "../../context.js";
import { parseBody, parseQuery, parseWith } from "../../http/parse.js";
import { type FeaturePlugin } from "../feature.js";
import { simulatorStatus } from "../simulator-status/simulator-status-routes.js";
import { requireControlToken } from "./control-auth.js";

const userParamsSchema = z.strictObject({ userId: userIdSchema });
const emptyQuerySchema = z.strictObject({});

/** The QA control API under /__sim/: users, mailbox, clock, phase, audit, reset. */
export const controlRoutes: FeaturePlugin = async (app, { ctx }) => {
  requireControlToken(app, ctx.controlToken);
  const p = CONTROL_PREFIX;
  const adminAudit = (
    request: Parameters<typeof clientOf>[0],
    event: string,
    userId: string | null,
    detail?: string,
  ) =>
    ctx.audit.record({
      userId,
      event,
      method: "control",
      outcome: "done",
      clientAddress: clientOf(request).clientAddress,
      detail: detail ?? null,
    });

  const status = (): SimStatus => simulatorStatus(ctx);
  const phaseView = (): PhaseResponse => ({ ...status(), schedule: ctx.phases.schedule });

  app.post(`${p}/users`, async (request, reply) => {
    const body = parseBody(createUserRequestSchema, request);
    const user = await ctx.userService.create(body);
    adminAudit(request, "control.user-create", user.userKey);
    return reply.code(201).send({ user: ctx.userService.view(user) });
  });

  app.get(`${p}/users`, async (request) => {
    parseQuery(emptyQuerySchema, request);
    return { users: ctx.users.list().map((user) => ctx.userService.view(user)) };
  });

  app.get(`${p}/users/:userId`, async (request) => {
    const { userId } = parseWith(userParamsSchema, request.params, "user ID");
    const user = ctx.users.find(userId);
    if (user === undefined) throw new AppError("NOT_FOUND", `No user with ID ${userId}.`);
    return { user: ctx.userService.view(user) };
  });

  app.post(`${p}/users/:userId/unlock`, async (request) => {
    const { userId } = parseWith(userParamsSchema, request.params, "user ID");
    const user = ctx.users.find(userId);
    if (user === undefined) throw new AppError("NOT_FOUND", `No user with ID ${userId}.`);
    ctx.lockouts.unlock(user.userKey);
    adminAudit(request, "control.user-unlock", user.userKey);
    return { user: ctx.userService.view(user) };
  });

  app.get(`${p}/mailbox`, async (request) => {
    const query = parseQuery(mailboxQuerySchema, request);
    const limit = query.limit ?? -1;
    const messages =
      query.to !== undefined
        ? ctx.outbox.forAddress(query.to, limit)
        : ctx.outbox.forUser((query.userId ?? "").trim().toLowerCase(), limit);
    return { messages };
  });

  app.get(`${p}/status`, async (request) => {
    parseQuery(emptyQuerySchema, request);
    return status();
  });

  app.get(`${p}/clock`, async () => ctx.clock.status());

  app.put(`${p}/clock`, async (request) => {
    const body = parseBody(clockRequestSchema, request);
    if ("now" in body) ctx.clock.setNow(new Date(body.now));
    else if ("offsetMs" in body) ctx.clock.setOffset(body.offsetMs);
    else ctx.clock.reset();
    adminAudit(request, "control.clock", null, ctx.clock.now().toISOString());
    return ctx.clock.status();
  });

  app.get(`${p}/phase`, async () => phaseView());

  app.put(`${p}/phase`, async (request) => {
    const body = parseBody(phaseRequestSchema, request);
    ctx.phases.pin(body.phase);
    adminAudit(request, "control.phase", null, body.phase ?? "follow-clock");
    return phaseView();
  });

  app.get(`${p}/audit`, async (request) => {
    const query = parseQuery(auditQuerySchema, request);
    return { events: ctx.audit.list(query, query.limit ?? 1000) };
  });

  app.post(`${p}/reset`, async (request) => {
    await ctx.reset();
    adminAudit(request, "control.reset", null);
    return { ...status(), reset: true };
  });
};
