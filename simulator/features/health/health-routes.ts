import {
  HEALTH_PATH,
  type HealthResponse,
  type NotReadyResponse,
  READY_PATH,
  type ReadyResponse,
} from "../../../shared/wire/health.js";
import { type FeaturePlugin } from "../feature.js";

/**
 * For load balancers, without a token: GET /healthz (the process answers; never the database)
 * and GET /readyz (the database answers and its migrations are done; 503 with Retry-After not).
 */
export const healthRoutes: FeaturePlugin = async (app, { ctx }) => {
  app.get(HEALTH_PATH, async (): Promise<HealthResponse> => ({ status: "ok" }));

  app.get(READY_PATH, async (_request, reply): Promise<ReadyResponse | NotReadyResponse> => {
    const storage = ctx.storage.kind;
    try {
      const { schemaVersion } = await ctx.storage.ready();
      return { status: "ready", storage, schemaVersion };
    } catch (error) {
      reply.code(503).header("retry-after", "1");
      return { status: "not-ready", storage, reason: error instanceof Error ? error.message : String(error) };
    }
  });
};
