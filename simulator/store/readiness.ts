import { type Role } from "../../shared/phases.js";
import { type Factor } from "../../shared/wire/authn.js";
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
  lastSignIn: { at: number; method: Factor } | null;
  failuresSinceLastSignIn: number;
}

interface BoardUserRow {
  user_id: string;
  display_name: string;
  role: Role;
  email: string | null;
  has_smartcard: number;
  locked_until: number | null;
  first_2fa: number | null;
  last_2fa: number | null;
  last_card: number | null;
  failures: number;
}

/** The later of the last sign-ins with each method. */
function lastSignInOf(
  last2fa: number | null,
  lastCard: number | null,
): { at: number; method: Factor } | null {
  if (last2fa === null && lastCard === null) return null;
  return lastCard !== null && (last2fa === null || lastCard > last2fa)
    ? { at: lastCard, method: "smartcard" }
    : { at: last2fa ?? 0, method: "otp" };
}

/** PCs are one whatever the case of their name. */
const pcKey = (pcName: string): string => pcName.toLowerCase();

/**
 * A failed attempt: a wrong password (at sign-in or at unlocking), a wrong or void code, a refused
 * card; or a try while locked out. SQL over `audit` aliased `f`.
 */
export const failedAttemptSql = `f.event IN ('authn.password', 'authn.otp', 'authn.smartcard', 'session.reauthenticate')
  AND (f.outcome LIKE 'failure%' OR f.outcome = 'locked-out')`;

/**
 * A participant's readiness data: its terminal PCs' connectivity results, and its users with what the
 * board needs of each in one read (email, card, lock, and their sign-ins from the audit log).
 */
export class ReadinessStore {
  private readonly boardUsersStmt;
  private readonly insert;
  private readonly near;
  private readonly latest;
  private readonly countOf;
  private readonly clearStmt;
  private readonly writes: GroupCommit;

  constructor(db: Db) {
    this.writes = groupCommitOf(db);
    this.boardUsersStmt = db.prepare<[string, number], BoardUserRow>(
      `WITH members AS MATERIALIZED (
         SELECT user_key, user_id, display_name, role, email, has_smartcard FROM users WHERE participant = ?1),
       successes AS MATERIALIZED (
         SELECT a.user_id AS user_key,
           min(CASE WHEN a.method = 'otp' THEN a.at END) AS first_2fa,
           max(CASE WHEN a.method = 'otp' THEN a.at END) AS last_2fa,
           max(CASE WHEN a.method = 'smartcard' THEN a.at END) AS last_card
         FROM members m JOIN audit a ON a.event = 'authn.success' AND a.user_id = m.user_key
         GROUP BY a.user_id),
       failures AS (
         SELECT f.user_id AS user_key, count(*) AS n
         FROM members m JOIN audit f ON f.user_id = m.user_key
         LEFT JOIN successes s ON s.user_key = m.user_key
         WHERE ${failedAttemptSql} AND f.at > max(coalesce(s.last_2fa, -1), coalesce(s.last_card, -1))
         GROUP BY f.user_id)
       SELECT m.user_id, m.display_name, m.role, m.email, m.has_smartcard, l.locked_until,
         s.first_2fa, s.last_2fa, s.last_card, coalesce(f.n, 0) AS failures
       FROM members m
       LEFT JOIN lockouts l ON l.user_key = m.user_key AND l.locked_until > ?2
       LEFT JOIN successes s ON s.user_key = m.user_key
       LEFT JOIN failures f ON f.user_key = m.user_key
       ORDER BY m.user_key`,
    );
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

  /** Every user of the participant, by user ID, with the locks in force at `now`. */
  boardUsers(participant: string, now: number): BoardUserRecord[] {
    return this.boardUsersStmt.all(participant, now).map((row) => ({
      userId: row.user_id,
      displayName: row.display_name,
      role: row.role,
      email: row.email,
      hasSmartcard: row.has_smartcard === 1,
      lockedUntil: row.locked_until,
      first2faAt: row.first_2fa,
      last2faAt: row.last_2fa,
      lastSignIn: lastSignInOf(row.last_2fa, row.last_card),
      failuresSinceLastSignIn: row.failures,
    }));
  }

  addPcResult(result: PcResultRecord): void {
    this.writes.open();
    this.insert.run({ ...result, pcKey: pcKey(result.pcName) });
  }

  /** Whether the PC has a result for a check started within `windowMs` of `startedAt`. */
  hasPcResultNear(participant: string, pcName: string, startedAt: number, windowMs: number): boolean {
    return (
      this.near.get(participant, pcKey(pcName), startedAt - windowMs, startedAt + windowMs) !== undefined
    );
  }

  /** Each PC's latest result (by the time its check started). */
  latestPcResults(participant: string): LatestPcResult[] {
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

  countPcResults(participant: string): number {
    return this.countOf.get(participant)?.n ?? 0;
  }

  clearPcResults(): void {
    this.writes.open();
    this.clearStmt.run();
  }
}
