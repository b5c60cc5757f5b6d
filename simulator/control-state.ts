import { type ControlSnapshot, type ControlStore } from "./store/storage.js";

/**
 * The control state this process obeys (clock offset, pinned phase, faults, the trainer's
 * moment and situation, the scenario, the control token), read synchronously by the code that
 * needs it. Where other instances share the database, `refresh` reads it afresh before each
 * request; the requests that arrive together share one read, begun after the last of them
 * arrived, so a change acknowledged by any instance is seen by every request that follows it.
 * Changes are made in a transaction, with their audit line (control-change).
 */
export class ControlState {
  private pending: Promise<void> | null = null;

  private constructor(
    private readonly store: ControlStore,
    private current: ControlSnapshot,
  ) {}

  static async open(store: ControlStore): Promise<ControlState> {
    return new ControlState(store, await store.load());
  }

  get state(): ControlSnapshot {
    return this.current;
  }

  /** Whether another process may change the state (then each request refreshes it). */
  get shared(): boolean {
    return this.store.shared;
  }

  refresh(): Promise<void> {
    if (!this.store.shared) return Promise.resolve();
    if (this.pending !== null) return this.pending;
    const read = new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        this.pending = null;
        this.store.load().then((state) => {
          this.adopt(state);
          resolve();
        }, reject);
      });
    });
    this.pending = read;
    return read;
  }

  async claimToken(token: string, force: boolean): Promise<string> {
    const inForce = await this.store.claimToken(token, force);
    this.adopt(await this.store.load());
    return inForce;
  }

  /**
   * Keeps the newest state: a read that began before a change may end after it. A transaction that
   * changed the state (see control-change) hands it here once it is committed.
   */
  adopt(state: ControlSnapshot): ControlSnapshot {
    if (state.revision >= this.current.revision) this.current = state;
    return this.current;
  }
}
