import { type FastifyRequest } from "fastify";
import { AppError } from "../../../shared/errors.js";
import {
  CONNECTIVITY_CHECK_EVENT,
  REHEARSAL_CHECKS_PATH,
  REHEARSAL_MOMENT_PATH,
  REHEARSAL_PATH,
  REHEARSAL_SITUATION_PATH,
  REHEARSAL_START_OVER_PATH,
  checkReportRequestSchema,
  momentRequestSchema,
  situationRequestSchema,
  type ChosenMoment,
  type RehearsalState,
} from "../../../shared/wire/rehearsal.js";
import { clientOf, type SimulatorContext } from "../../context.js";
import { parseBody } from "../../http/parse.js";
import { changeControl, updateControl } from "../../control-change.js";
import { applyScenarioIn, prepareScenario } from "../../scenarios/apply-scenario.js";
import { type AuditLog } from "../../store/audit-log.js";
import { type ControlPatch } from "../../store/storage.js";
import { noFaults } from "../../../shared/wire/faults.js";
import { shippedScenario, shippedScenarios } from "../../scenarios/shipped-scenarios.js";
import { recordControl } from "../control/control-audit.js";
import { requireControlToken } from "../control/control-auth.js";
import { type FeaturePlugin } from "../feature.js";
import { simulatorStatus } from "../simulator-status/simulator-status-routes.js";
import { chooseMoment, describeMoment, momentPresets } from "./moments.js";
import { situationOf } from "./situations.js";

/**
 * The trainer's side of the control API: choose the simulated moment, put a
 * shipped situation on top of it, start over (seeded users, same moment, the
 * audit log kept), and hear of connectivity checks run by a user. Every change
 * is recorded in the audit log as a `trainer.*` event.
 */
export const rehearsalFeature: FeaturePlugin = async (app, { ctx }) => {
  requireControlToken(app, ctx);
  // The chosen moment and situation are control state, shared by every instance; a QA reset goes
  // back to the real clock, and they are gone with it.

  const trainerAction = (
    request: FastifyRequest,
    event: "moment" | "situation" | "start-over",
    detail: string | null,
    audit: AuditLog,
  ) => recordControl(audit, `trainer.${event}`, clientOf(request), detail === null ? {} : { detail });

  const state = (): RehearsalState => ({
    status: simulatorStatus(ctx),
    realTime: ctx.clock.status().realTime,
    moment: ctx.control.state.moment,
    presets: momentPresets(ctx.phases.schedule),
    schedule: ctx.phases.schedule,
    situations: shippedScenarios().map(situationOf),
    situation: ctx.control.state.situation,
  });

  app.get(REHEARSAL_PATH, async () => state());

  app.put(REHEARSAL_MOMENT_PATH, async (request) => {
    const chosen = chooseMoment(parseBody(momentRequestSchema, request), ctx.phases.schedule);
    await updateControl(ctx, momentPatch(ctx, chosen), ({ audit }) =>
      trainerAction(request, "moment", describeMoment(chosen), audit),
    );
    return state();
  });

  app.put(REHEARSAL_SITUATION_PATH, async (request) => {
    const { name } = parseBody(situationRequestSchema, request);
    const scenario = shippedScenario(name);
    if (scenario === undefined) {
      const known = shippedScenarios()
        .map((s) => s.name)
        .join(", ");
      throw new AppError("NOT_FOUND", `There is no situation called ${name}. The situations are: ${known}.`);
    }
    const prepared = await prepareScenario(ctx, scenario);
    await changeControl(ctx, async (change) => {
      // One situation's faults at a time: a network problem does not outlive the situation that brought it.
      await change.update({ faults: { ...noFaults }, situation: scenario.name });
      await applyScenarioIn(ctx, change, prepared, {
        keepMoment: true,
        recordAs: { event: "trainer.situation", client: clientOf(request) },
      });
    });
    return state();
  });

  app.post(REHEARSAL_START_OVER_PATH, async (request) => {
    const keep = ctx.control.state.moment;
    await ctx.reset({
      keepAudit: true,
      also: async (change) => {
        if (keep !== null) await change.update(momentPatch(ctx, keep));
        trainerAction(request, "start-over", keep === null ? null : describeMoment(keep), change.audit);
      },
    });
    return state();
  });

  app.post(REHEARSAL_CHECKS_PATH, async (request, reply) => {
    const body = parseBody(checkReportRequestSchema, request);
    const user = await ctx.users.find(body.userId);
    if (user === undefined) throw new AppError("NOT_FOUND", `No user with ID ${body.userId}.`);
    ctx.audit.record({
      userId: user.userKey,
      event: CONNECTIVITY_CHECK_EVENT,
      method: "check",
      outcome: body.status,
      clientAddress: clientOf(request).clientAddress,
      detail: body.target,
    });
    return reply.code(201).send({ recorded: true });
  });
};

/** One change of the control state: the clock, no pin (a chosen moment means its own phase), the moment. */
function momentPatch(ctx: SimulatorContext, moment: ChosenMoment): ControlPatch {
  const clockOffsetMs = moment.kind === "real-time" ? 0 : ctx.clock.offsetTo(new Date(moment.at));
  return { clockOffsetMs, pinnedPhase: null, moment };
}
