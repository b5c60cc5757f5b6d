import { type ClockRequest, type ClockResponse } from "../shared/wire/control.js";
import { type ControlState } from "./control-state.js";

/**
 * The simulator's time: a base source (real time, or a test's) plus an offset
 * the control API can set (see control-change), so a QA run can jump to launch day and time runs on.
 * The offset is control state, the same for every instance on a database.
 */
export class SimClock {
  constructor(
    private readonly control: ControlState,
    private readonly base: () => Date = () => new Date(),
  ) {}

  private get offsetMs(): number {
    return this.control.state.clockOffsetMs;
  }

  now(): Date {
    return new Date(this.base().getTime() + this.offsetMs);
  }

  nowMs(): number {
    return this.base().getTime() + this.offsetMs;
  }

  /** The base time without the simulated shift: the computer's own clock, unless a test gave another. */
  realMs(): number {
    return this.base().getTime();
  }

  /** The offset that makes the simulated time `target` at this moment (a change through updateControl). */
  offsetTo(target: Date): number {
    return target.getTime() - this.base().getTime();
  }

  /** The offset a clock request asks for (PUT /__sim/clock, a scenario's clock): a time, an offset, or none. */
  offsetFor(request: ClockRequest): number {
    if ("now" in request) return this.offsetTo(new Date(request.now));
    return "offsetMs" in request ? request.offsetMs : 0;
  }

  status(): ClockResponse {
    const offsetMs = this.offsetMs;
    return {
      now: new Date(this.base().getTime() + offsetMs).toISOString(),
      offsetMs,
      realTime: offsetMs === 0,
    };
  }
}
