export { TimedOut, withTimeout } from "../util/with-timeout.js";

/**
 * The run's time: each step gets at most the per-step timeout, and never more
 * than what is left of the whole run's budget.
 */
export class TimeBudget {
  private readonly endsAt: number;

  constructor(
    private readonly perStepMs: number,
    totalMs: number,
    private readonly now: () => number,
  ) {
    this.endsAt = now() + totalMs;
  }

  /** The time the next step may take; 0 when the run's budget is used up. */
  forStep(): number {
    return Math.max(0, Math.min(this.perStepMs, this.endsAt - this.now()));
  }

  get stepLimitMs(): number {
    return this.perStepMs;
  }
}

/** Rounds a duration for display and reports: 0.1 ms resolution. */
export const roundMs = (ms: number): number => Math.round(ms * 10) / 10;
