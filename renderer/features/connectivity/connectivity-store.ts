import { create } from "zustand";
import {
  checkStepIds,
  type CheckRun,
  type CheckRunInput,
  type CheckRunSummary,
  type CheckStep,
  type CheckStepId,
  type ReportFormat,
} from "../../../shared/contract/connectivity.js";
import { ccms } from "../../bridge/index.js";
import { toUiError, type UiError } from "../../ui/ui-error.js";

export type TargetKind = "production" | "builtin" | "url";

export interface CheckForm {
  targetKind: TargetKind;
  url: string;
  /** DNS servers, separated by spaces or commas. */
  dnsServers: string;
  caFile: string;
  proxy: string;
  timeoutSeconds: string;
}

interface ConnectivityState {
  form: CheckForm;
  /** The run on screen: running (steps arriving) or finished. */
  runId: string | null;
  running: boolean;
  steps: Partial<Record<CheckStepId, CheckStep>>;
  /** The steps the run on screen reports, in order (the desktop app's start with the browser stack's). */
  planned: CheckStepId[];
  run: CheckRun | null;
  history: CheckRunSummary[];
  error: UiError | null;
  /** Steps that arrived before their run's id was known. */
  early: Record<string, CheckStep[]>;
  setField: <K extends keyof CheckForm>(field: K, value: CheckForm[K]) => void;
  start: () => Promise<void>;
  loadHistory: () => Promise<void>;
  show: (runId: string) => Promise<void>;
  report: (format: ReportFormat) => Promise<{ fileName: string; mimeType: string; content: string } | null>;
  /** Listens to the run events; returns the function that stops listening. */
  listen: () => () => void;
}

const initialForm: CheckForm = {
  targetKind: "production",
  url: "",
  dnsServers: "",
  caFile: "",
  proxy: "",
  timeoutSeconds: "10",
};

export function toRunInput(form: CheckForm): CheckRunInput {
  const dnsServers = form.dnsServers.split(/[\s,]+/).filter(Boolean);
  const seconds = Number(form.timeoutSeconds);
  return {
    target: form.targetKind === "url" ? { kind: "url", url: form.url.trim() } : { kind: form.targetKind },
    dnsServers,
    ...(form.caFile.trim() ? { caFile: form.caFile.trim() } : {}),
    ...(form.proxy.trim() ? { proxy: form.proxy.trim() } : {}),
    ...(form.timeoutSeconds.trim() && Number.isFinite(seconds)
      ? { timeoutMs: Math.round(seconds * 1000) }
      : {}),
  };
}

/** Until a run says which steps it reports: the phase steps every shell runs. */
const phaseSteps: CheckStepId[] = checkStepIds.filter((id) => id !== "browser");

const byId = (steps: CheckStep[]): Partial<Record<CheckStepId, CheckStep>> =>
  Object.fromEntries(steps.map((step) => [step.id, step]));

export const useConnectivity = create<ConnectivityState>()((set, get) => ({
  form: initialForm,
  runId: null,
  running: false,
  steps: {},
  planned: phaseSteps,
  run: null,
  history: [],
  error: null,
  early: {},
  setField: (field, value) => set((state) => ({ form: { ...state.form, [field]: value } })),
  start: async () => {
    if (get().running) return;
    set({ running: true, error: null, steps: {}, run: null, runId: null, early: {} });
    try {
      const { runId, steps: planned } = await (await ccms()).connectivity.run(toRunInput(get().form));
      set((state) => {
        // The run may already be over (its events arrive before this answer).
        if (state.run?.runId === runId) return { runId, planned };
        return { runId, planned, steps: byId(state.early[runId] ?? []), early: {} };
      });
    } catch (error) {
      set({ running: false, error: toUiError(error) });
    }
  },
  loadHistory: async () => {
    try {
      const { runs } = await (await ccms()).connectivity.history({});
      set({ history: runs });
    } catch (error) {
      set({ error: toUiError(error) });
    }
  },
  show: async (runId) => {
    try {
      const run = await (await ccms()).connectivity.get({ runId });
      set({
        run,
        runId,
        running: false,
        steps: byId(run.result.steps),
        planned: run.result.steps.map((step) => step.id),
        error: null,
      });
    } catch (error) {
      set({ error: toUiError(error) });
    }
  },
  report: async (format) => {
    const { runId } = get();
    if (!runId) return null;
    try {
      return await (await ccms()).connectivity.report({ runId, format });
    } catch (error) {
      set({ error: toUiError(error) });
      return null;
    }
  },
  listen: () => {
    let stopped = false;
    const stops: (() => void)[] = [];
    void ccms().then((api) => {
      if (stopped) return;
      stops.push(
        api.on["connectivity.step"](({ runId, step }) => {
          set((state) => {
            if (state.runId === runId) return { steps: { ...state.steps, [step.id]: step } };
            if (state.running && state.runId === null) {
              return { early: { ...state.early, [runId]: [...(state.early[runId] ?? []), step] } };
            }
            return {};
          });
        }),
        api.on["connectivity.done"](({ runId, run }) => {
          const state = get();
          if (state.runId === runId || (state.running && state.runId === null)) {
            set({
              run,
              runId,
              running: false,
              steps: byId(run.result.steps),
              planned: run.result.steps.map((step) => step.id),
            });
          }
          void get().loadHistory();
        }),
      );
    });
    return () => {
      stopped = true;
      for (const stop of stops) stop();
    };
  },
}));
