import { boardUsersSql, latestPcResultsSql, pcKey } from "../readiness-sql.js";
import { type BoardUserRow, boardUserFromRow, type LatestPcRow, latestPcFromRow } from "../rows.js";
import {
  type BoardUserRecord,
  type LatestPcResult,
  type PcResultRecord,
  type ReadinessStore,
} from "../storage.js";
import { type PgQueryable, statement } from "./pg-db.js";

const postgresParameter = (n: number) => `$${n}`;

const boardUsers = statement("readiness-board-users", boardUsersSql(postgresParameter));
const latest = statement("readiness-latest-pcs", latestPcResultsSql(postgresParameter));
const countOf = statement(
  "readiness-count-pcs",
  "SELECT count(*) AS n FROM pc_results WHERE participant = $1",
);
// Results of one PC are added one instance at a time: the lock is the PC's, for the transaction.
const serialize = statement(
  "readiness-serialize",
  "SELECT pg_advisory_xact_lock(hashtextextended('pc-result:' || $1 || ':' || $2, 0))",
);
const near = statement(
  "readiness-near",
  "SELECT id FROM pc_results WHERE participant = $1 AND pc_key = $2 AND started_at BETWEEN $3 AND $4 LIMIT 1",
);
const insert = statement(
  "readiness-insert",
  `INSERT INTO pc_results (participant, pc_name, pc_key, status, started_at, failing_step, target, source,
     file_name, submitted_by, submitted_at, report)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
);

/** A participant's readiness data on the shared database: what one instance stores, every instance reads. */
export class PostgresReadinessStore implements ReadinessStore {
  constructor(private readonly db: PgQueryable) {}

  async boardUsers(participant: string, now: number): Promise<BoardUserRecord[]> {
    return (await this.db.rows<BoardUserRow>(boardUsers, [participant, now])).map(boardUserFromRow);
  }

  addPcResult(result: PcResultRecord, duplicateWindowMs: number): Promise<boolean> {
    const key = pcKey(result.pcName);
    return this.db.transaction(async (tx) => {
      await tx.rows(serialize, [result.participant, key]);
      const window = [result.startedAt - duplicateWindowMs, result.startedAt + duplicateWindowMs];
      if ((await tx.rows(near, [result.participant, key, ...window])).length > 0) return false;
      await tx.write(insert, [
        result.participant,
        result.pcName,
        key,
        result.status,
        result.startedAt,
        result.failingStep,
        result.target,
        result.source,
        result.fileName,
        result.submittedBy,
        result.submittedAt,
        result.report,
      ]);
      return true;
    });
  }

  async latestPcResults(participant: string): Promise<LatestPcResult[]> {
    return (await this.db.rows<LatestPcRow>(latest, [participant])).map(latestPcFromRow);
  }

  async countPcResults(participant: string): Promise<number> {
    const [row] = await this.db.rows<{ n: number }>(countOf, [participant]);
    return row?.n ?? 0;
  }
}
