import { type SimulatorContext } from "../../context.js";
import { type FeaturePlugin } from "../feature.js";
import { installFaultHook } from "./fault-hook.js";
import { type FaultState } from "./fault-state.js";
import { faultsRoutes } from "./faults-routes.js";
import { applyMailFaults } from "./mail-faults.js";

/** The faults in force (scenarios set them at start). */
export function faultsOf(ctx: SimulatorContext): FaultState {
  return ctx.faults;
}

/**
 * Fault injection for QA. Not encapsulated (skip-override), so its hook sees
 * every route of the root; the control routes live in their own child scope.
 * Faults are cleared by POST /__sim/reset.
 */
export const faultsFeature: FeaturePlugin = async (app, { ctx }) => {
  const faults = faultsOf(ctx);
  installFaultHook(app, faults);
  const cancelPendingMail = applyMailFaults(ctx.mailer, faults, ctx.audit);
  // The reset cleared the faults in the control state; mail this instance holds back is dropped.
  ctx.onReset(() => cancelPendingMail());
  app.addHook("onClose", async () => cancelPendingMail());
  await app.register(faultsRoutes, { ctx, faults });
};
Object.defineProperty(faultsFeature, Symbol.for("skip-override"), { value: true });

export { FaultState } from "./fault-state.js";
