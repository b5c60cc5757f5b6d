import { type CheckStepId } from "../../shared/wire/check-report.js";
import { type Db } from "./sqlite.js";
import { type GroupCommit, groupCommitOf } from "./group-commit.js";

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

interface LatestRow {
  participant: string;
  pc_name: string;
  status: PcResultRecord["status"];
  started_at: number;
  failing_step: CheckStepId | null;
  target: string;
  source: PcResultRecord["source"];
  file_name: string | null;
  submitted_by: string;
  submitted_at: number;
  result_count: number;
}

/** PCs are one whatever the case of their name. */
const pcKey = (pcName: string): string => pcName.toLowerCase();

/** Terminal PCs' connectivity results, by participant. */
export class PcResultStore {
  private readonly insert;
  private readonly near;
  private readonly latest;
  private readonly countOf;
  private readonly clearStmt;
  private readonly writes: GroupCommit;

  constructor(db: Db) {
    this.writes = groupCommitOf(db);
    this.insert = db.prepare(
      `INSERT INTO pc_results (participant, pc_name, pc_key, status, started_at, failing_step, target, source,
         file_name, submitted_by, submitted_at, report)
       VALUES (@participant, @pcName, @pcKey, @status, @startedAt, @failingStep, @target, @source,
         @fileName, @submittedBy, @submittedAt, @report)`,
    );
    this.near = db.prepare<[string, string, number, number], { id: number }>(
      `SELECT id FROM pc_results WHERE participant = ? AND pc_key = ? AND started_at BETWEEN ? AND ? LIMIT 1`,
    );
    this.latest = db.prepare<[string], LatestRow>(
      `SELECT r.participant, r.pc_name, r.status, r.started_at, r.failing_step, r.target, r.source, r.file_name,
         r.submitted_by, r.submitted_at, c.result_count
       FROM (SELECT pc_key, MAX(started_at) AS latest, COUNT(*) AS result_count
             FROM pc_results WHERE participant = ?1 GROUP BY pc_key) c
       JOIN pc_results r ON r.participant = ?1 AND r.pc_key = c.pc_key AND r.started_at = c.latest`,
    );
    this.countOf = db.prepare<[string], { n: number }>(
      "SELECT count(*) AS n FROM pc_results WHERE participant = ?",
    );
    this.clearStmt = db.prepare("DELETE FROM pc_results");
  }

  add(result: PcResultRecord): void {
    this.writes.open();
    this.insert.run({ ...result, pcKey: pcKey(result.pcName) });
  }

  /** Whether the PC has a result for a check started within `windowMs` of `startedAt`. */
  hasNear(participant: string, pcName: string, startedAt: number, windowMs: number): boolean {
    return (
      this.near.get(participant, pcKey(pcName), startedAt - windowMs, startedAt + windowMs) !== undefined
    );
  }

  /** Each PC's latest result (by the time its check started). */
  latestPerPc(participant: string): LatestPcResult[] {
    return this.latest.all(participant).map((row) => ({
      participant: row.participant,
      pcName: row.pc_name,
      status: row.status,
      startedAt: row.started_at,
      failingStep: row.failing_step,
      target: row.target,
      source: row.source,
      fileName: row.file_name,
      submittedBy: row.submitted_by,
      submittedAt: row.submitted_at,
      resultCount: row.result_count,
    }));
  }

  count(participant: string): number {
    return this.countOf.get(participant)?.n ?? 0;
  }

  clear(): void {
    this.writes.open();
    this.clearStmt.run();
  }
}
