import { create } from "zustand";
import type { PcResult, ReadinessBoard } from "../../../shared/wire/readiness.js";
import { ccms } from "../../bridge/index.js";
import { toUiError, type UiError } from "../../ui/ui-error.js";
import { onSessionHidden } from "../session/lock-store.js";

export type UserFilter = "needs-action" | "all";

/** A saved report chosen for upload, waiting for its PC name to be checked and for "Upload". */
export interface StagedReport {
  key: string;
  fileName: string;
  bytes: number;
  pcName: string;
  /** The file's text; null when it was too large to read. */
  content: string | null;
  /** The last try's outcome. */
  outcome: { kind: "added"; result: PcResult } | { kind: "refused"; error: UiError } | null;
}

interface ReadinessState {
  board: ReadinessBoard | null;
  loading: boolean;
  error: UiError | null;
  filter: UserFilter;
  staged: StagedReport[];
  uploading: boolean;
  load: () => Promise<void>;
  setFilter: (filter: UserFilter) => void;
  stage: (reports: StagedReport[]) => void;
  rename: (key: string, pcName: string) => void;
  unstage: (key: string) => void;
  /** Sends every staged report; those the server took leave the list, refused ones stay with the reason. */
  upload: () => Promise<void>;
  clear: () => void;
}

const initial = {
  board: null,
  loading: false,
  error: null,
  filter: "needs-action" as UserFilter,
  staged: [],
  uploading: false,
};

/** The DA's readiness board and the saved reports they upload to it. */
export const useReadiness = create<ReadinessState>()((set, get) => ({
  ...initial,
  load: async () => {
    if (get().loading) return;
    set({ loading: true, error: null });
    try {
      set({ board: await (await ccms()).readiness.board({}) });
    } catch (error) {
      set({ error: toUiError(error) });
    } finally {
      set({ loading: false });
    }
  },
  setFilter: (filter) => set({ filter }),
  stage: (reports) => set({ staged: [...get().staged, ...reports] }),
  rename: (key, pcName) =>
    set({
      staged: get().staged.map((each) => (each.key === key ? { ...each, pcName, outcome: null } : each)),
    }),
  unstage: (key) => set({ staged: get().staged.filter((each) => each.key !== key) }),
  upload: async () => {
    if (get().uploading) return;
    set({ uploading: true });
    const api = await ccms();
    const outcomes = new Map<string, StagedReport["outcome"]>();
    for (const report of get().staged) {
      try {
        if (report.content === null) {
          outcomes.set(report.key, { kind: "refused", error: { code: "REPORT_TOO_LARGE" } });
          continue;
        }
        const { result } = await api.readiness.uploadReport({
          pcName: report.pcName,
          fileName: report.fileName,
          content: report.content,
        });
        outcomes.set(report.key, { kind: "added", result });
      } catch (error) {
        outcomes.set(report.key, { kind: "refused", error: toUiError(error) });
      }
    }
    set({
      uploading: false,
      staged: get().staged.map((each) => ({ ...each, outcome: outcomes.get(each.key) ?? each.outcome })),
    });
    if ([...outcomes.values()].some((outcome) => outcome?.kind === "added")) await get().load();
  },
  clear: () => set({ ...initial }),
}));

onSessionHidden(() => useReadiness.getState().clear());
