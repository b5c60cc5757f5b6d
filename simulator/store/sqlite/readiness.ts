import { type Db } from "../sqlite.js";
import { type GroupCommit, groupCommitOf } from "../group-commit.js";
import { boardUsersSql, latestPcResultsSql, pcKey } from "../readiness-sql.js";
import { type BoardUserRow, boardUserFromRow, type LatestPcRow, latestPcFromRow } from "../rows.js";
import {
  type BoardUserRecord,
  type LatestPcResult,
  type PcResultRecord,
  type ReadinessStore,
} from "../storage.js";

const sqliteParameter = (n: number) => `?${n}`;

/** A participant's readiness data: its PCs' connectivity results, and its users with their sign-ins. */
export class SqliteReadinessStore implements ReadinessStore {
  private readonly boardUsersStmt;
  private readonly insert;
  private readonly near;
  private readonly latest;
  private readonly countOf;
  private readonly writes: GroupCommit;

  constructor(private readonly db: Db) {
    this.writes = groupCommitOf(db);
    this.boardUsersStmt = db.prepare<[string, number], BoardUserRow>(boardUsersSql(sqliteParameter));
    this.insert = db.prepare(
      `INSERT INTO pc_results (participant, pc_name, pc_key, status, started_at, failing_step, target, source,
         file_name, submitted_by, submitted_at, report)
       VALUES (@participant, @pcName, @pcKey, @status, @startedAt, @failingStep, @target, @source,
         @fileName, @submittedBy, @submittedAt, @report)`,
    );
    this.near = db.prepare<[string, string, number, number], { id: number }>(
      "SELECT id FROM pc_results WHERE participant = ? AND pc_key = ? AND started_at BETWEEN ? AND ? LIMIT 1",
    );
    this.latest = db.prepare<[string], LatestPcRow>(latestPcResultsSql(sqliteParameter));
    this.countOf = db.prepare<[string], { n: number }>(
      "SELECT count(*) AS n FROM pc_results WHERE participant = ?",
    );
  }

  async boardUsers(participant: string, now: number): Promise<BoardUserRecord[]> {
    return this.boardUsersStmt.all(participant, now).map(boardUserFromRow);
  }

  async addPcResult(result: PcResultRecord, duplicateWindowMs: number): Promise<boolean> {
    this.writes.open();
    const key = pcKey(result.pcName);
    return this.db.transaction(() => {
      const { participant, startedAt } = result;
      const window = [startedAt - duplicateWindowMs, startedAt + duplicateWindowMs] as const;
      if (this.near.get(participant, key, ...window) !== undefined) return false;
      this.insert.run({ ...result, pcKey: key });
      return true;
    });
  }

  async latestPcResults(participant: string): Promise<LatestPcResult[]> {
    return this.latest.all(participant).map(latestPcFromRow);
  }

  async countPcResults(participant: string): Promise<number> {
    return this.countOf.get(participant)?.n ?? 0;
  }
}
