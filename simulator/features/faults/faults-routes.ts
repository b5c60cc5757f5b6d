import { z } from "zod";
import { CONTROL_PREFIX } from "../../../shared/wire/control.js";
import { clientOf, type SimulatorContext } from "../../context.js";
import { updateControl } from "../../control-change.js";
import { parseBody, parseQuery } from "../../http/parse.js";
import { recordControl } from "../control/control-audit.js";
import { requireControlToken } from "../control/control-auth.js";
import { type FastifyPluginAsync } from "fastify";
import { type FaultState } from "./fault-state.js";
import { faultsFrom, faultsRequestSchema } from "../../../shared/wire/faults.js";

const emptyQuerySchema = z.strictObject({});

/** GET and PUT /__sim/faults (control token required). */
export const faultsRoutes: FastifyPluginAsync<{ ctx: SimulatorContext; faults: FaultState }> = async (
  app,
  { ctx, faults },
) => {
  requireControlToken(app, ctx);

  app.get(`${CONTROL_PREFIX}/faults`, async (request) => {
    parseQuery(emptyQuerySchema, request);
    return faults.get();
  });

  app.put(`${CONTROL_PREFIX}/faults`, async (request) => {
    const body = parseBody(faultsRequestSchema, request);
    const { faults: now } = await updateControl(ctx, { faults: faultsFrom(body) }, ({ audit, state }) =>
      recordControl(audit, "control.faults", clientOf(request), { detail: JSON.stringify(state.faults) }),
    );
    return now;
  });
};
