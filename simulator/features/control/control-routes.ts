import {
  CONTROL_PREFIX,
  emptyQuerySchema,
  auditQuerySchema,
  clockRequestSchema,
  mailboxQuerySchema,
  phaseRequestSchema,
  type PhaseResponse,
  type SimStatus,
} from "../../../shared/wire/control.js";
import { normalizeUserId } from "../../../shared/user-id.js";
import { clientOf } from "../../context.js";
import { updateControl } from "../../control-change.js";
import { parseBody, parseQuery } from "../../http/parse.js";
import { type FeaturePlugin } from "../feature.js";
import { simulatorStatus } from "../simulator-status/simulator-status-routes.js";
import { recordControl } from "./control-audit.js";
import { requireControlToken } from "./control-auth.js";

/** The QA control API under /__sim/: mailbox, clock, phase, audit, reset (users are their own feature). */
export const controlRoutes: FeaturePlugin = async (app, { ctx }) => {
  requireControlToken(app, ctx);
  const p = CONTROL_PREFIX;

  const status = (): SimStatus => simulatorStatus(ctx);
  const phaseView = (): PhaseResponse => ({ ...status(), schedule: ctx.phases.schedule });

  app.get(`${p}/mailbox`, async (request) => {
    const query = parseQuery(mailboxQuerySchema, request);
    const limit = query.limit ?? -1;
    const messages =
      query.to !== undefined
        ? await ctx.outbox.forAddress(query.to, limit)
        : await ctx.outbox.forUser(normalizeUserId(query.userId ?? ""), limit);
    return { messages };
  });

  app.get(`${p}/status`, async (request) => {
    parseQuery(emptyQuerySchema, request);
    return status();
  });

  app.get(`${p}/clock`, async () => ctx.clock.status());

  app.put(`${p}/clock`, async (request) => {
    const body = parseBody(clockRequestSchema, request);
    await updateControl(ctx, { clockOffsetMs: ctx.clock.offsetFor(body) }, ({ audit, nowMs }) =>
      recordControl(audit, "control.clock", clientOf(request), { detail: new Date(nowMs()).toISOString() }),
    );
    return ctx.clock.status();
  });

  app.get(`${p}/phase`, async () => phaseView());

  app.put(`${p}/phase`, async (request) => {
    const body = parseBody(phaseRequestSchema, request);
    await updateControl(ctx, { pinnedPhase: body.phase }, ({ audit }) =>
      recordControl(audit, "control.phase", clientOf(request), { detail: body.phase ?? "follow-clock" }),
    );
    return phaseView();
  });

  app.get(`${p}/audit`, async (request) => {
    const query = parseQuery(auditQuerySchema, request);
    return { events: await ctx.audit.list(query, query.limit ?? 1000) };
  });

  app.post(`${p}/reset`, async (request) => {
    await ctx.reset({ also: ({ audit }) => recordControl(audit, "control.reset", clientOf(request)) });
    return { ...status(), reset: true };
  });
};
