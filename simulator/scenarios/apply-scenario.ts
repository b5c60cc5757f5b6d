import { AppError } from "../../shared/errors.js";
import { normalizeUserId } from "../../shared/user-id.js";
import { faultsFrom } from "../../shared/wire/faults.js";
import { type SimulatorContext } from "../context.js";
import { type ControlChange, changeControl } from "../control-change.js";
import { type ClientInfo } from "../features/authn/authn-audit.js";
import { type ControlEvent, recordControl } from "../features/control/control-audit.js";
import { type ControlPatch } from "../store/storage.js";
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

/** A scenario with the passwords of the users it will create hashed (slow work, done before its transaction). */
export interface PreparedScenario {
  scenario: Scenario;
  /** By normalized user ID. */
  passwordHashes: Map<string, string>;
}

type ScenarioContext = Pick<
  SimulatorContext,
  "storage" | "control" | "clock" | "audit" | "config" | "hasher" | "userService" | "daEmail"
>;

/**
 * Hashes the passwords of the scenario's users that `exists` (by default: the database) says are not
 * there yet (a user that turns out to be missing after all is hashed in the transaction: slower,
 * never wrong).
 */
export async function prepareScenario(
  ctx: Pick<SimulatorContext, "hasher" | "storage">,
  scenario: Scenario,
  exists: (userKey: string) => boolean | Promise<boolean> = async (key) =>
    (await ctx.storage.users.find(key)) !== undefined,
): Promise<PreparedScenario> {
  const passwordHashes = new Map<string, string>();
  for (const user of scenario.users) {
    const key = normalizeUserId(user.userId);
    if (!(await exists(key))) passwordHashes.set(key, await ctx.hasher.hash(user.password));
  }
  return { scenario, passwordHashes };
}

/**
 * Sets the clock and phase, the faults and the users of a scenario, within a transaction that
 * changes the control state (a reset, a situation, the start-up scenario). Users that already exist
 * (a restart on the same data folder) are left as they are, but their starting lock is applied
 * again: a scenario describes how a run begins.
 */
export async function applyScenarioIn(
  ctx: ScenarioContext,
  change: ControlChange,
  { scenario, passwordHashes }: PreparedScenario,
  options: ApplyOptions = {},
): Promise<ScenarioSummary> {
  const patch: ControlPatch = {};
  const clock = scenario.clock;
  if (clock !== undefined && !options.keepMoment) patch.clockOffsetMs = ctx.clock.offsetFor(clock);
  if (scenario.phase !== undefined && !options.keepMoment) patch.pinnedPhase = scenario.phase;
  if (scenario.faults !== undefined) patch.faults = faultsFrom(scenario.faults);
  if (Object.keys(patch).length > 0) await change.update(patch);

  const { tx } = change;
  const summary: ScenarioSummary = { name: scenario.name, created: 0, alreadyPresent: 0, locked: 0 };
  for (const { lockedForMinutes, ...request } of scenario.users) {
    let user = await tx.users.find(request.userId);
    if (user === undefined) {
      const key = normalizeUserId(request.userId);
      const hash = passwordHashes.get(key) ?? (await ctx.hasher.hash(request.password));
      const record = ctx.userService.recordOf(request, hash, change.nowMs());
      if (!(await tx.users.create(record))) {
        throw new AppError("CONFLICT", `A user with ID ${request.userId} already exists.`);
      }
      user = { ...record, userKey: key };
      summary.created += 1;
    } else {
      summary.alreadyPresent += 1;
    }
    if (lockedForMinutes !== undefined) {
      // One recorded failure against a threshold of one is a lock, exactly as after N wrong passwords;
      // a lock in force is replaced by the scenario's.
      await tx.lockouts.unlock(user.userKey);
      await tx.lockouts.recordFailure(user.userKey, change.nowMs(), {
        windowMs: ctx.config.lockoutWindowMs,
        threshold: 1,
        lockMs: lockedForMinutes * 60_000,
      });
      summary.locked += 1;
    }
  }
  summary.daEmailApplications = await fileApplications(ctx, change, scenario);
  const recordAs = options.recordAs ?? { event: "control.scenario", client: null };
  recordControl(change.audit, recordAs.event, recordAs.client, {
    detail: `${scenario.name}: ${summary.created} created, ${summary.alreadyPresent} already present, ${summary.locked} locked`,
  });
  return summary;
}

/** Files the scenario's DAs' email applications, each unless its address is in force or applied for already. */
async function fileApplications(
  ctx: ScenarioContext,
  { tx, audit }: ControlChange,
  scenario: Scenario,
): Promise<number> {
  let filed = 0;
  for (const application of scenario.daEmailApplications ?? []) {
    const target = await tx.users.find(application.userId);
    if (target === undefined || target.role !== "da") {
      throw new AppError(
        "INVALID_INPUT",
        `Scenario ${scenario.name}: daEmailApplications names ${application.userId}, who is not a DA of the simulator.`,
      );
    }
    const by = application.submittedBy === undefined ? target : await tx.users.find(application.submittedBy);
    if (by === undefined || by.role !== "da" || by.participant !== target.participant) {
      throw new AppError(
        "INVALID_INPUT",
        `Scenario ${scenario.name}: ${application.submittedBy ?? ""} is not a DA of ${target.participant}.`,
      );
    }
    const pending = await ctx.daEmail.pendingOf(target.userKey, tx.daEmail);
    const current = (pending?.email ?? target.email)?.toLowerCase();
    if (current === application.email.toLowerCase()) continue;
    await ctx.daEmail.submitIn(tx, audit, {
      by,
      target,
      email: application.email,
      clientAddress: null,
      submittedAt: Date.parse(application.submittedAt),
    });
    filed += 1;
  }
  return filed;
}

/**
 * Makes `scenario` the start-up scenario of the database (control state, so whichever instance
 * is reset applies it again) and applies it now, in one commit.
 */
export async function installScenario(ctx: ScenarioContext, scenario: Scenario): Promise<ScenarioSummary> {
  const prepared = await prepareScenario(ctx, scenario);
  return changeControl(ctx, async (change) => {
    await change.update({ scenario: JSON.stringify(scenario) });
    return applyScenarioIn(ctx, change, prepared);
  });
}
