import {
  HEALTH_PATH,
  type HealthResponse,
  type NotReadyResponse,
  READY_PATH,
  type ReadyResponse,
} from "../../../shared/wire/health.js";
import { type FeaturePlugin } from "../feature.js";

/** How long /readyz waits for the database before it says not ready (the pool's own bounds come first). */
const READY_WITHIN_MS = 3000;

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the database did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * For load balancers, without a token: GET /healthz (the process answers; never the database)
 * and GET /readyz (the database answers and its migrations are done; 503 with Retry-After not, and
 * within a few seconds when the database stops answering).
 */
export const healthRoutes: FeaturePlugin = async (app, { ctx }) => {
  app.get(HEALTH_PATH, async (): Promise<HealthResponse> => ({ status: "ok" }));

  app.get(READY_PATH, async (_request, reply): Promise<ReadyResponse | NotReadyResponse> => {
    const storage = ctx.storage.kind;
    try {
      const { schemaVersion } = await within(ctx.storage.ready(), READY_WITHIN_MS);
      return { status: "ready", storage, schemaVersion };
    } catch (error) {
      reply.code(503).header("retry-after", "1");
      return { status: "not-ready", storage, reason: error instanceof Error ? error.message : String(error) };
    }
  });
};
