import { type SimulatorContext } from "./context.js";
import { type AuditLog } from "./store/audit-log.js";
import { type ControlPatch, type ControlSnapshot, type Stores } from "./store/storage.js";

/**
 * One transaction that changes the control state along with other writes (a reset, a situation):
 * the state as the transaction leaves it so far, the simulated clock and the audit log under that
 * state. The process's ControlState takes the state only once it is committed.
 */
export interface ControlChange {
  readonly tx: Stores;
  readonly state: ControlSnapshot;
  update(patch: ControlPatch): Promise<ControlSnapshot>;
  /** Real time, no pin, no faults, no moment or situation (see ControlStore.reset). */
  reset(): Promise<ControlSnapshot>;
  /** The simulated time under `state`. */
  nowMs(): number;
  /** Lines written with the transaction, stamped with `nowMs`. */
  readonly audit: AuditLog;
}

/** Runs `work` in one transaction (`Storage.transaction`); the control state it leaves is this process's once committed. */
export async function changeControl<T>(
  ctx: Pick<SimulatorContext, "storage" | "control" | "clock" | "audit">,
  work: (change: ControlChange) => Promise<T>,
): Promise<T> {
  let committed: ControlSnapshot | null = null;
  const result = await ctx.storage.transaction(async (tx) => {
    let state = ctx.control.state;
    let changed = false;
    const nowMs = () => ctx.clock.realMs() + state.clockOffsetMs;
    const took = (next: ControlSnapshot) => {
      state = next;
      changed = true;
      return next;
    };
    const outcome = await work({
      tx,
      get state() {
        return state;
      },
      update: async (patch) => took(await tx.control.update(patch)),
      reset: async () => took(await tx.control.reset()),
      nowMs,
      audit: ctx.audit.in(tx, nowMs),
    });
    committed = changed ? state : null;
    return outcome;
  });
  if (committed !== null) ctx.control.adopt(committed);
  return result;
}

/**
 * A change of the control state on its own (the clock, a pin, the faults, the trainer's moment) and
 * its audit line, which `record` writes under the changed state: one commit. Answers the state it
 * committed.
 */
export function updateControl(
  ctx: Pick<SimulatorContext, "storage" | "control" | "clock" | "audit">,
  patch: ControlPatch,
  record: (change: ControlChange) => void,
): Promise<ControlSnapshot> {
  return changeControl(ctx, async (change) => {
    const state = await change.update(patch);
    record(change);
    return state;
  });
}
