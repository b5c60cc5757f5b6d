import { type Faults, type FaultsRequest, noFaults } from "../../../shared/wire/faults.js";

/** The faults in force. PUT replaces them all: fields left out go back to "no fault". */
export class FaultState {
  private current: Faults = { ...noFaults };

  constructor(private readonly random: () => number = Math.random) {}

  get(): Faults {
    return { ...this.current };
  }

  set(request: FaultsRequest): Faults {
    this.current = { ...noFaults, ...request };
    return this.get();
  }

  clear(): void {
    this.current = { ...noFaults };
  }

  /** Whether this request should fail, by failRate. */
  shouldFail(): boolean {
    return this.current.failRate > 0 && this.random() < this.current.failRate;
  }
}
