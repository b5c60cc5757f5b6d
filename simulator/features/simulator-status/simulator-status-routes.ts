import { SIMULATOR_STATUS_PATH, type SimStatus } from "../../../shared/wire/control.js";
import { type SimulatorContext } from "../../context.js";
import { type FeaturePlugin } from "../feature.js";

export function simulatorStatus(ctx: SimulatorContext): SimStatus {
  return {
    phase: ctx.phases.current(),
    phasePinned: ctx.phases.isPinned(),
    now: ctx.clock.now().toISOString(),
  };
}

/**
 * The simulated phase and date, without the control token, so that any client pointed at a simulator
 * (built-in or standalone) can say so in its banner. A real 2FA server answers 404 here.
 */
export const simulatorStatusRoutes: FeaturePlugin = async (app, { ctx }) => {
  app.get(SIMULATOR_STATUS_PATH, async () => simulatorStatus(ctx));
};
