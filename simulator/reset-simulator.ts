import { normalizeUserId } from "../shared/user-id.js";
import { type SimulatorContext } from "./context.js";
import { type ControlChange, changeControl } from "./control-change.js";
import { parseScenario } from "./scenarios/load-scenario.js";
import { applyScenarioIn, type PreparedScenario, prepareScenario } from "./scenarios/apply-scenario.js";

export interface ResetOptions {
  /** Keeps the audit log (a trainer's start over keeps the record of what was practised). */
  keepAudit?: boolean;
  /** More writes of the same commit: the caller's audit line, a trainer's moment kept. */
  also?: (change: ControlChange) => void | Promise<void>;
}

/**
 * Back to the seeded state, in one commit: every session ended, the tables emptied, the control
 * state reset, the demo users seeded and the start-up scenario applied again (then `also`). A
 * failure on the way leaves the state as it was, and the reset can simply be asked for again.
 * Passwords are hashed before the transaction begins.
 */
export async function resetSimulator(ctx: SimulatorContext, options: ResetOptions = {}): Promise<void> {
  const seedRecords = await ctx.userService.seedRecords();
  const seeded = new Set(seedRecords.map((record) => normalizeUserId(record.userId)));
  const prepare = (stored: string) =>
    prepareScenario(ctx, parseScenario(JSON.parse(stored), "the stored start-up scenario"), (key) =>
      seeded.has(key),
    );
  const storedBefore = ctx.control.state.scenario;
  const prepared: PreparedScenario | null = storedBefore === null ? null : await prepare(storedBefore);

  await changeControl(ctx, async (change) => {
    // Live sessions are ended, not forgotten: their holders learn that a reset ended them.
    await ctx.sessions.in(change.tx).endEverySession("simulator-reset");
    await change.tx.clear({ keepAudit: options.keepAudit ?? false });
    const { scenario } = await change.reset();
    await ctx.userService.seedInto(change.tx.users, seedRecords);
    // Another instance may have stored another scenario since: the one in the database is applied.
    const current = scenario === storedBefore ? prepared : scenario === null ? null : await prepare(scenario);
    if (current !== null) await applyScenarioIn(ctx, change, current);
    await options.also?.(change);
  });
}
