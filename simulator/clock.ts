import { type ClockResponse } from "../shared/wire/control.js";

/**
 * The simulator's time: a base source (real time, or a test's) plus an offset
 * the control API can set, so a QA run can jump to launch day and time runs on.
 */
export class SimClock {
  private offsetMs = 0;

  constructor(private readonly base: () => Date = () => new Date()) {}

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

  setNow(target: Date): void {
    this.offsetMs = target.getTime() - this.base().getTime();
  }

  setOffset(offsetMs: number): void {
    this.offsetMs = offsetMs;
  }

  reset(): void {
    this.offsetMs = 0;
  }

  status(): ClockResponse {
    return { now: this.now().toISOString(), offsetMs: this.offsetMs, realTime: this.offsetMs === 0 };
  }
}
