import { create } from "zustand";
import type { PcResult, ReadinessBoard, UserFilter } from "../../../shared/wire/readiness.js";
import { ccms } from "../../bridge/index.js";
import { toUiError, type UiError } from "../../ui/ui-error.js";
import { onSessionHidden } from "../session/lock-store.js";

export type { UserFilter };

/** Users fetched at a time: a participant may have thousands. */
export const PAGE_ROWS = 100;
/** The most the board answers at once: the whole participant, for the CSV export. */
const ALL_ROWS = 5000;

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
  /** The board afresh, with the first page of the users the filter selects. */
  load: () => Promise<void>;
  /** The next page of users, added to those shown. */
  showMore: () => Promise<void>;
  setFilter: (filter: UserFilter) => Promise<void>;
  /** The whole board, every user, for the CSV export (null when it cannot be had). */
  fetchAll: () => Promise<ReadinessBoard | null>;
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

let loads = 0;

/** The DA's readiness board and the saved reports they upload to it. */
export const useReadiness = create<ReadinessState>()((set, get) => ({
  ...initial,
  load: async () => {
    // The latest load wins: a filter chosen while the board was loading is not lost.
    const mine = ++loads;
    set({ loading: true, error: null });
    try {
      const board = await (
        await ccms()
      ).readiness.board({ users: get().filter, offset: 0, limit: PAGE_ROWS });
      if (mine === loads) set({ board });
    } catch (error) {
      if (mine === loads) set({ error: toUiError(error) });
    } finally {
      if (mine === loads) set({ loading: false });
    }
  },
  showMore: async () => {
    const shown = get().board;
    if (!shown || get().loading) return;
    set({ loading: true, error: null });
    try {
      const next = await (
        await ccms()
      ).readiness.board({
        users: shown.users.filter,
        offset: shown.users.items.length,
        limit: PAGE_ROWS,
      });
      set({
        board: {
          ...next,
          users: { ...next.users, offset: 0, items: [...shown.users.items, ...next.users.items] },
        },
      });
    } catch (error) {
      set({ error: toUiError(error) });
    } finally {
      set({ loading: false });
    }
  },
  setFilter: async (filter) => {
    if (filter === get().filter) return;
    set({ filter });
    await get().load();
  },
  fetchAll: async () => {
    try {
      return await (await ccms()).readiness.board({ users: "all", offset: 0, limit: ALL_ROWS });
    } catch (error) {
      set({ error: toUiError(error) });
      return null;
    }
  },
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
    for (const report of get().staged.filter((each) => each.outcome?.kind !== "added")) {
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
