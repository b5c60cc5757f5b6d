import os from "node:os";
import type {
  CheckOrigin,
  CheckRun,
  CheckRunSummary,
  CheckStep,
  CheckStepId,
  ReportFormat,
} from "../../../shared/contract/connectivity.js";
import { checkStepIds } from "../../../shared/contract/connectivity.js";
import { AppError } from "../../../shared/errors.js";
import { toCheckOptions, type BuiltinTarget, type CheckRequest } from "./check-options.js";
import { newRunId, type CheckHistoryStore } from "./history-store.js";
import { renderReport } from "./report.js";
import { runCheck } from "./run-check.js";
import type { CheckDependencies } from "./types.js";

export interface ConnectivityServiceOptions {
  dependencies: CheckDependencies;
  history: CheckHistoryStore;
  appVersion: string;
  /** The built-in simulator's address and CA, when it runs. */
  builtinTarget?: () => BuiltinTarget | null;
  log?: (line: string) => void;
}

export interface RunListener {
  onStep?(runId: string, step: CheckStep): void;
  onDone?(run: CheckRun): void;
}

/** Runs connectivity checks, keeps their history, and renders reports. */
export class ConnectivityService {
  private readonly running = new Map<string, Promise<CheckRun>>();

  constructor(private readonly options: ConnectivityServiceOptions) {}

  /** Starts a run in the background; steps and the end arrive through the listener. */
  start(request: CheckRequest, listener: RunListener = {}): { runId: string; steps: CheckStepId[] } {
    const prepared = this.prepare(request);
    const done = this.execute(prepared, listener).finally(() => this.running.delete(prepared.runId));
    done.catch((error: unknown) => this.options.log?.(`check ${prepared.runId} failed: ${String(error)}`));
    this.running.set(prepared.runId, done);
    return { runId: prepared.runId, steps: this.plannedSteps() };
  }

  /** The steps a run reports, in order: the browser stack's first where there is one (the desktop app). */
  plannedSteps(): CheckStepId[] {
    return checkStepIds.filter((id) => id !== "browser" || this.options.dependencies.browser !== undefined);
  }

  /** Runs to the end and returns the stored run. */
  async run(request: CheckRequest, listener: RunListener = {}): Promise<CheckRun> {
    return this.execute(this.prepare(request), listener);
  }

  /** Resolves once a started run has finished (or at once when it is not running). */
  async settled(runId: string): Promise<void> {
    await this.running.get(runId)?.catch(() => undefined);
  }

  history(): CheckRunSummary[] {
    return this.options.history.list().map((run) => ({
      runId: run.runId,
      startedAt: run.result.startedAt,
      target: run.result.target,
      targetKind: run.targetKind,
      status: run.result.status,
    }));
  }

  get(runId: string): CheckRun {
    const run = this.options.history.get(runId);
    if (!run) throw new AppError("CHECK_NOT_FOUND", "There is no stored check with that id.");
    return run;
  }

  report(runId: string, format: ReportFormat): { fileName: string; mimeType: string; content: string } {
    return renderReport(this.get(runId), format);
  }

  private prepare(request: CheckRequest): {
    runId: string;
    request: CheckRequest;
    options: ReturnType<typeof toCheckOptions>;
  } {
    const options = toCheckOptions(request, this.options.builtinTarget ?? (() => null));
    return { runId: newRunId(this.options.dependencies.now()), request, options };
  }

  private async execute(
    prepared: { runId: string; request: CheckRequest; options: ReturnType<typeof toCheckOptions> },
    listener: RunListener,
  ): Promise<CheckRun> {
    const { runId } = prepared;
    const result = await runCheck(prepared.options, this.options.dependencies, (step) =>
      listener.onStep?.(runId, step),
    );
    const run: CheckRun = { runId, targetKind: prepared.request.target.kind, origin: this.origin(), result };
    try {
      this.options.history.save(run);
    } catch (error) {
      this.options.log?.(`The check could not be stored in the history: ${String(error)}`);
    }
    listener.onDone?.(run);
    return run;
  }

  private origin(): CheckOrigin {
    return machineOrigin(this.options.appVersion);
  }
}

/** Machine name, OS user, platform and app version, for reports. */
export function machineOrigin(appVersion: string): CheckOrigin {
  let user: string;
  try {
    user = os.userInfo().username;
  } catch {
    user = process.env.USER ?? process.env.USERNAME ?? "unknown";
  }
  return {
    machine: os.hostname(),
    user,
    platform: `${os.platform()} ${os.release()} (${os.arch()})`,
    appVersion,
  };
}
