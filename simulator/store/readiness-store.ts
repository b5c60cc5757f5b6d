import { type Role } from "../../shared/phases.js";
import { type CheckStepId } from "../../shared/wire/check-report.js";
import { type SignInRecord } from "./mail-audit-stores.js";

/** One terminal PC's connectivity result on its participant's readiness board. */
export interface PcResultRecord {
  participant: string;
  pcName: string;
  status: "pass" | "warn" | "fail";
  startedAt: number;
  failingStep: CheckStepId | null;
  target: string;
  source: "app" | "upload";
  fileName: string | null;
  submittedBy: string;
  submittedAt: number;
  /** The report's JSON text, as received. */
  report: string;
}

/** A PC's latest result and how many it has. */
export interface LatestPcResult extends Omit<PcResultRecord, "report"> {
  resultCount: number;
}

/** A user of the participant as the readiness board shows them, sign-ins read from the audit log. */
export interface BoardUserRecord {
  userId: string;
  displayName: string;
  role: Role;
  email: string | null;
  hasSmartcard: boolean;
  /** The end of a lock in force at the time asked, or null. */
  lockedUntil: number | null;
  first2faAt: number | null;
  last2faAt: number | null;
  lastSignIn: SignInRecord | null;
  failuresSinceLastSignIn: number;
}

/** A participant's readiness data: its terminal PCs' results, and its users with their sign-ins. */
export interface ReadinessStore {
  /** Every user of the participant, by user ID, with the locks in force at `now`. */
  boardUsers(participant: string, now: number): Promise<BoardUserRecord[]>;
  /**
   * Stores a result, unless the PC (by name in any case) has one for a check started within
   * `duplicateWindowMs` of it: one atomic step, so the same report sent twice at once is stored once.
   */
  addPcResult(result: PcResultRecord, duplicateWindowMs: number): Promise<boolean>;
  /** Each PC's latest result (by the time its check started). */
  latestPcResults(participant: string): Promise<LatestPcResult[]>;
  countPcResults(participant: string): Promise<number>;
}
