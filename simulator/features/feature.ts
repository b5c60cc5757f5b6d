import { type FastifyPluginAsync } from "fastify";
import { type SimulatorContext } from "../context.js";

export interface FeatureOptions {
  ctx: SimulatorContext;
}

/** One feature of the simulator: a fastify plugin with its own routes, registered by the root. */
export type FeaturePlugin = FastifyPluginAsync<FeatureOptions>;
