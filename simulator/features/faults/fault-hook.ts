import { setTimeout as sleep } from "node:timers/promises";
import { type FastifyInstance } from "fastify";
import { API_PREFIX } from "../../../shared/wire/authn.js";
import { type FaultState } from "./fault-state.js";

/**
 * On the root instance: every wire-API call (authn, session, admin) first waits
 * `latencyMs`, then fails with 503 SERVER_ERROR at `failRate`. The control API
 * and the /sso page are never touched, so QA can always turn faults off again.
 */
export function installFaultHook(app: FastifyInstance, faults: FaultState): void {
  const prefix = `${API_PREFIX}/`;
  app.addHook("onRequest", async (request, reply) => {
    if (!request.url.startsWith(prefix)) return;
    const { latencyMs } = faults.get();
    if (latencyMs > 0) await sleep(latencyMs);
    if (faults.shouldFail()) {
      return reply
        .code(503)
        .header("retry-after", "1")
        .type("application/json; charset=utf-8")
        .send({
          error: {
            code: "SERVER_ERROR",
            message: "The 2FA server is temporarily unavailable (a simulated fault). Try again in a moment.",
          },
        });
    }
    return undefined;
  });
}
