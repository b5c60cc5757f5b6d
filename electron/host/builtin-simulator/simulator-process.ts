import {
  fromSimulatorSchema,
  type SimulatorEndpoint,
  type ToSimulator,
} from "../../../simulator/child/messages.js";
import type { ChildChannel, SimulatorLauncher } from "./launcher.js";

export type { SimulatorEndpoint } from "../../../simulator/child/messages.js";

export type SimulatorState =
  | { kind: "starting" }
  | { kind: "ready"; endpoint: SimulatorEndpoint }
  /** It could not start, or it ended without being asked to. */
  | { kind: "failed"; reason: string }
  | { kind: "stopped" };

/** Where the simulator's standard error is kept (the app's log). */
export interface ProcessLog {
  readonly file: string;
  fromProcess(name: string, line: string): void;
}

export interface SimulatorProcessOptions {
  dataDir: string;
  hashProfile: "fast" | "production";
  /** How long a start may take before the process is given up (default 60 s). */
  startTimeoutMs?: number;
  /** Keeps every line of the simulator's stderr; a failed start names it. */
  log?: ProcessLog | undefined;
}

/** How many of the simulator's last stderr lines a failed start quotes. */
const quotedLines = 8;

/**
 * The built-in simulator running in a process of its own. It starts at once
 * and says when it is ready; everything the host needs from it (address, CA,
 * control token) comes over the process boundary in the `ready` message.
 */
export class SimulatorProcess {
  private state: SimulatorState = { kind: "starting" };
  private readonly listeners = new Set<(state: SimulatorState) => void>();
  private readonly exited: Promise<void>;
  private stopping = false;
  private readonly lastLines: string[] = [];
  private readonly log: ProcessLog | undefined;
  /** Settles with the state's first move away from "starting". */
  readonly ready: Promise<SimulatorEndpoint>;

  private constructor(
    private readonly child: ChildChannel,
    options: SimulatorProcessOptions,
  ) {
    this.log = options.log;
    child.onStderrLine((line) => {
      this.log?.fromProcess("simulator", line);
      this.lastLines.push(line);
      if (this.lastLines.length > quotedLines) this.lastLines.shift();
    });
    this.ready = new Promise<SimulatorEndpoint>((resolve, reject) => {
      const off = this.onChange((state) => {
        off();
        if (state.kind === "ready") resolve(state.endpoint);
        else
          reject(new Error(state.kind === "failed" ? state.reason : "The built-in simulator was stopped."));
      });
    });
    this.ready.catch(() => {});
    this.exited = new Promise<void>((resolve) => {
      child.onExit((code) => {
        resolve();
        if (this.stopping) this.move({ kind: "stopped" });
        else if (this.state.kind === "starting")
          this.move({
            kind: "failed",
            reason: this.withLastLines(
              `The built-in simulator exited before it was ready (${exitText(code)}).`,
            ),
          });
        else if (this.state.kind === "ready")
          this.move({
            kind: "failed",
            reason: this.withLastLines(`The built-in simulator stopped unexpectedly (${exitText(code)}).`),
          });
      });
    });
    child.onError((error) => {
      if (this.state.kind === "starting" || this.state.kind === "ready")
        this.move({ kind: "failed", reason: `The built-in simulator's process failed: ${error.message}` });
    });
    child.onMessage((raw) => this.receive(raw));
    const timer = setTimeout(() => {
      if (this.state.kind !== "starting") return;
      this.move({
        kind: "failed",
        reason: this.withLastLines("The built-in simulator did not start in time."),
      });
      child.kill();
    }, options.startTimeoutMs ?? 60_000);
    timer.unref();
    this.send({ type: "start", dataDir: options.dataDir, hashProfile: options.hashProfile });
  }

  /** Starts the simulator's process with the shell's launcher; never throws (a failure is a state). */
  static start(launcher: SimulatorLauncher, options: SimulatorProcessOptions): SimulatorProcess {
    return new SimulatorProcess(launcher(), options);
  }

  get current(): SimulatorState {
    return this.state;
  }

  /** Calls `listener` on every change of state; returns the unsubscribe. */
  onChange(listener: (state: SimulatorState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Asks the simulator to close its server and database and waits for its exit;
   * after `graceMs` it is ended instead (its acknowledged writes are committed
   * already: see the store's group commit).
   */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      this.send({ type: "stop" });
    }
    if (await settlesWithin(this.exited, graceMs)) return;
    this.child.kill();
    await settlesWithin(this.exited, 5_000);
  }

  private send(message: ToSimulator): void {
    try {
      this.child.send(message);
    } catch (error) {
      if (this.state.kind === "starting")
        this.move({
          kind: "failed",
          reason: `The built-in simulator could not be reached: ${(error as Error).message}`,
        });
    }
  }

  private receive(raw: unknown): void {
    const parsed = fromSimulatorSchema.safeParse(raw);
    if (!parsed.success || this.state.kind !== "starting") return;
    const message = parsed.data;
    if (message.type === "failed") {
      this.move({
        kind: "failed",
        reason: this.withLastLines(`The built-in simulator could not start: ${message.message}`),
      });
      this.stopping = true;
      this.send({ type: "stop" });
      return;
    }
    const { type: _type, ...endpoint } = message;
    this.move({ kind: "ready", endpoint });
  }

  /** The reason, with where the simulator's output is kept and the last lines it wrote. */
  private withLastLines(reason: string): string {
    const where = this.log ? ` Its output is in the log ${this.log.file}` : " Its output";
    if (this.lastLines.length === 0) return this.log ? `${reason}${where}; it wrote nothing.` : reason;
    return `${reason}${where}; its last lines:\n${this.lastLines.map((line) => `  ${line}`).join("\n")}`;
  }

  private move(state: SimulatorState): void {
    this.state = state;
    for (const listener of [...this.listeners]) listener(state);
  }
}

function exitText(code: number | null): string {
  return code === null ? "ended by a signal" : `exit code ${code}`;
}

function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
