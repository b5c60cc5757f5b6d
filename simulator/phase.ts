import { type Phase, phaseAt } from "../shared/phases.js";
import { type Schedule } from "../shared/wire/control.js";
import { type SimClock } from "./clock.js";

/** Which migration phase is in force: from the schedule and the clock, unless pinned. */
export class PhaseService {
  private pinned: Phase | null = null;
  private readonly launchMs: number;
  private readonly decommissionMs: number;

  constructor(
    readonly schedule: Schedule,
    private readonly clock: SimClock,
  ) {
    this.launchMs = Date.parse(schedule.launch);
    this.decommissionMs = Date.parse(schedule.decommission);
  }

  current(): Phase {
    return this.pinned ?? phaseAt(this.schedule, this.clock.nowMs());
  }

  isPinned(): boolean {
    return this.pinned !== null;
  }

  pin(phase: Phase | null): void {
    this.pinned = phase;
  }

  /** Users created before launch who hold a card may still use it while both methods run. */
  createdBeforeLaunch(createdAtMs: number): boolean {
    return createdAtMs < this.launchMs;
  }

  get decommissionAtMs(): number {
    return this.decommissionMs;
  }
}

export { phaseAt };
