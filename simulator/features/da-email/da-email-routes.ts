import {
  DA_EMAIL_APPLICATIONS_PATH,
  DA_EMAIL_PROCESS_PATH,
  daEmailApplicationsQuerySchema,
  type DaEmailProcessResponse,
} from "../../../shared/wire/da-email.js";
import { clientOf } from "../../context.js";
import { parseQuery } from "../../http/parse.js";
import { recordControl } from "../control/control-audit.js";
import { requireControlToken } from "../control/control-auth.js";
import { type FeaturePlugin } from "../feature.js";
import { toWireApplication } from "./da-email-service.js";

/**
 * HKEX's side of DAs' email applications, through the control API: every application with its
 * status (those due on the simulated clock processed first), and HKEX processing the rest at once.
 */
export const daEmailRoutes: FeaturePlugin = async (app, { ctx }) => {
  requireControlToken(app, ctx);

  app.get(DA_EMAIL_APPLICATIONS_PATH, async (request) => {
    const query = parseQuery(daEmailApplicationsQuerySchema, request);
    await ctx.daEmail.settle();
    return { applications: (await ctx.daEmail.list(query)).map(toWireApplication) };
  });

  app.post(DA_EMAIL_PROCESS_PATH, async (request): Promise<DaEmailProcessResponse> => {
    const client = clientOf(request);
    // Those due on the clock, the rest, their audit lines and this call's: one commit.
    const processed = await ctx.daEmail.processAll(client.clientAddress, (audit, atOnce) =>
      recordControl(audit, "control.da-email-process", client, {
        detail: `${atOnce.length} application(s) processed`,
      }),
    );
    return { processed: processed.map((p) => toWireApplication(p.application)) };
  });
};
