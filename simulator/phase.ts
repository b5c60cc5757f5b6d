import { type Phase, phaseAt } from "../shared/phases.js";
import { type Schedule } from "../shared/wire/control.js";
import { type SimClock } from "./clock.js";
import { type ControlState } from "./control-state.js";

/** Which migration phase is in force: from the schedule and the clock, unless pinned (control state). */
export class PhaseService {
  private readonly launchMs: number;
  private readonly decommissionMs: number;

  constructor(
    readonly schedule: Schedule,
    private readonly clock: SimClock,
    private readonly control: ControlState,
  ) {
    this.launchMs = Date.parse(schedule.launch);
    this.decommissionMs = Date.parse(schedule.decommission);
  }

  current(): Phase {
    return this.control.state.pinnedPhase ?? phaseAt(this.schedule, this.clock.nowMs());
  }

  isPinned(): boolean {
    return this.control.state.pinnedPhase !== null;
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
