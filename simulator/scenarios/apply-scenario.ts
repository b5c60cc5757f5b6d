import { type SimulatorContext } from "../context.js";
import { type ClientInfo } from "../features/authn/authn-audit.js";
import { type ControlEvent, recordControl } from "../features/control/control-audit.js";
import { type FaultState } from "../features/faults/fault-state.js";
import { type Scenario } from "./scenario-schema.js";

export interface ScenarioSummary {
  name: string;
  created: number;
  alreadyPresent: number;
  locked: number;
}

export interface ApplyOptions {
  /** Leaves the clock and phase as they are: the scenario's users and faults go on top of the moment in force. */
  keepMoment?: boolean;
  /** How the audit log names the change and who asked (default: `control.scenario`, no address). */
  recordAs?: { event: ControlEvent; client: ClientInfo | null };
}

/**
 * Sets the clock and phase, the faults and the users of a scenario. Users that
 * already exist (a restart on the same data folder) are left as they are, but
 * their starting lock is applied again: a scenario describes how a run begins.
 */
export async function applyScenario(
  ctx: SimulatorContext,
  faults: FaultState,
  scenario: Scenario,
  options: ApplyOptions = {},
): Promise<ScenarioSummary> {
  const clock = scenario.clock;
  if (clock !== undefined && !options.keepMoment) {
    if ("now" in clock) ctx.clock.setNow(new Date(clock.now));
    else if ("offsetMs" in clock) ctx.clock.setOffset(clock.offsetMs);
    else ctx.clock.reset();
  }
  if (scenario.phase !== undefined && !options.keepMoment) ctx.phases.pin(scenario.phase);
  if (scenario.faults !== undefined) faults.set(scenario.faults);

  const summary: ScenarioSummary = { name: scenario.name, created: 0, alreadyPresent: 0, locked: 0 };
  for (const { lockedForMinutes, ...request } of scenario.users) {
    let user = ctx.users.find(request.userId);
    if (user === undefined) {
      user = await ctx.userService.create(request);
      summary.created += 1;
    } else {
      summary.alreadyPresent += 1;
    }
    if (lockedForMinutes !== undefined) {
      // One recorded failure against a threshold of one is a lock, exactly as after N wrong passwords.
      ctx.lockouts.recordFailure(
        user.userKey,
        ctx.clock.nowMs(),
        ctx.config.lockoutWindowMs,
        1,
        lockedForMinutes * 60_000,
      );
      summary.locked += 1;
    }
  }
  const recordAs = options.recordAs ?? { event: "control.scenario", client: null };
  recordControl(ctx.audit, recordAs.event, recordAs.client, {
    detail: `${scenario.name}: ${summary.created} created, ${summary.alreadyPresent} already present, ${summary.locked} locked`,
  });
  return summary;
}

/** Applies the scenario now and again after every POST /__sim/reset. */
export async function installScenario(
  ctx: SimulatorContext,
  faults: FaultState,
  scenario: Scenario,
): Promise<ScenarioSummary> {
  ctx.onReset(async () => {
    await applyScenario(ctx, faults, scenario);
  });
  return applyScenario(ctx, faults, scenario);
}
