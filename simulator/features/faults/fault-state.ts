import { type ControlState } from "../../control-state.js";
import { type Faults } from "../../../shared/wire/faults.js";

/**
 * The faults in force: control state, the same on every instance. PUT replaces them all: fields
 * left out go back to "no fault".
 */
export class FaultState {
  constructor(
    private readonly control: ControlState,
    private readonly random: () => number = Math.random,
  ) {}

  get(): Faults {
    return { ...this.control.state.faults };
  }

  /** Whether this request should fail, by failRate. */
  shouldFail(): boolean {
    const { failRate } = this.control.state.faults;
    return failRate > 0 && this.random() < failRate;
  }

  /** Counts resets: mail delayed before one is dropped by it, whichever instance was reset. */
  get generation(): number {
    return this.control.state.generation;
  }

  /** Reads the control state afresh (another instance may have reset it meanwhile). */
  refresh(): Promise<void> {
    return this.control.refresh();
  }
}
