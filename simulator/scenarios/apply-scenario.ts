import { AppError } from "../../shared/errors.js";
import { type SimulatorContext } from "../context.js";
import { type ClientInfo } from "../features/authn/authn-audit.js";
import { type ControlEvent, recordControl } from "../features/control/control-audit.js";
import { type FaultState } from "../features/faults/fault-state.js";
import { parseScenario } from "./load-scenario.js";
import { type Scenario } from "./scenario-schema.js";

export interface ScenarioSummary {
  name: string;
  created: number;
  alreadyPresent: number;
  locked: number;
  /** DAs' email applications filed with HKEX (those already in force or pending are not filed again). */
  daEmailApplications?: number;
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
    if ("now" in clock) await ctx.clock.setNow(new Date(clock.now));
    else if ("offsetMs" in clock) await ctx.clock.setOffset(clock.offsetMs);
    else await ctx.clock.reset();
  }
  if (scenario.phase !== undefined && !options.keepMoment) await ctx.phases.pin(scenario.phase);
  if (scenario.faults !== undefined) await faults.set(scenario.faults);

  const summary: ScenarioSummary = { name: scenario.name, created: 0, alreadyPresent: 0, locked: 0 };
  for (const { lockedForMinutes, ...request } of scenario.users) {
    let user = await ctx.users.find(request.userId);
    if (user === undefined) {
      user = await ctx.userService.create(request);
      summary.created += 1;
    } else {
      summary.alreadyPresent += 1;
    }
    if (lockedForMinutes !== undefined) {
      // One recorded failure against a threshold of one is a lock, exactly as after N wrong passwords;
      // a lock in force is replaced by the scenario's.
      await ctx.lockouts.unlock(user.userKey);
      await ctx.lockouts.recordFailure(user.userKey, ctx.clock.nowMs(), {
        windowMs: ctx.config.lockoutWindowMs,
        threshold: 1,
        lockMs: lockedForMinutes * 60_000,
      });
      summary.locked += 1;
    }
  }
  summary.daEmailApplications = await fileApplications(ctx, scenario);
  const recordAs = options.recordAs ?? { event: "control.scenario", client: null };
  recordControl(ctx.audit, recordAs.event, recordAs.client, {
    detail: `${scenario.name}: ${summary.created} created, ${summary.alreadyPresent} already present, ${summary.locked} locked`,
  });
  return summary;
}

/** Files the scenario's DAs' email applications, each unless its address is in force or applied for already. */
async function fileApplications(ctx: SimulatorContext, scenario: Scenario): Promise<number> {
  let filed = 0;
  for (const application of scenario.daEmailApplications ?? []) {
    const target = await ctx.users.find(application.userId);
    if (target === undefined || target.role !== "da") {
      throw new AppError(
        "INVALID_INPUT",
        `Scenario ${scenario.name}: daEmailApplications names ${application.userId}, who is not a DA of the simulator.`,
      );
    }
    const by = application.submittedBy === undefined ? target : await ctx.users.find(application.submittedBy);
    if (by === undefined || by.role !== "da" || by.participant !== target.participant) {
      throw new AppError(
        "INVALID_INPUT",
        `Scenario ${scenario.name}: ${application.submittedBy ?? ""} is not a DA of ${target.participant}.`,
      );
    }
    const pending = await ctx.daEmail.pendingOf(target.userKey);
    const current = (pending?.email ?? target.email)?.toLowerCase();
    if (current === application.email.toLowerCase()) continue;
    await ctx.daEmail.submit(by, target, application.email, null, Date.parse(application.submittedAt));
    filed += 1;
  }
  return filed;
}

/**
 * Makes `scenario` the start-up scenario of the database (control state, so whichever instance
 * is reset applies it again) and applies it now.
 */
export async function installScenario(
  ctx: SimulatorContext,
  faults: FaultState,
  scenario: Scenario,
): Promise<ScenarioSummary> {
  await ctx.control.update({ scenario: JSON.stringify(scenario) });
  return applyScenario(ctx, faults, scenario);
}

/** The start-up scenario kept in the control state, applied again (after a reset). */
export async function reapplyScenario(ctx: SimulatorContext, faults: FaultState): Promise<void> {
  const stored = ctx.control.state.scenario;
  if (stored === null) return;
  await applyScenario(ctx, faults, parseScenario(JSON.parse(stored), "the stored start-up scenario"));
}
