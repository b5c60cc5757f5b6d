import { type Factor } from "../../shared/wire/authn.js";
import { type Db } from "./sqlite.js";

/** A successful sign-in, from the audit log. */
export interface SignInRecord {
  at: number;
  method: Factor;
}

/** A user's sign-ins as the readiness board shows them. */
export interface SignInSummary {
  userKey: string;
  first2faAt: number | null;
  last2faAt: number | null;
  lastSignIn: SignInRecord | null;
  failuresSinceLastSignIn: number;
}

interface SummaryRow {
  user_key: string;
  first_2fa: number | null;
  last_2fa: number | null;
  last_at: number | null;
  last_method: Factor | null;
  failures: number;
}

/**
 * A failed attempt: a wrong password (at sign-in or at unlocking), a wrong or void code, a refused
 * card; or a try while locked out. SQL over `audit` aliased `f`.
 */
const failed = `f.event IN ('authn.password', 'authn.otp', 'authn.smartcard', 'session.reauthenticate')
  AND (f.outcome LIKE 'failure%' OR f.outcome = 'locked-out')`;

/** Sign-ins and failed attempts, read from the audit log (which every sign-in step writes). */
export class SignInHistory {
  private readonly ofParticipantStmt;
  private readonly previousStmt;
  private readonly failuresStmt;

  constructor(db: Db) {
    this.ofParticipantStmt = db.prepare<[string], SummaryRow>(
      `WITH s AS (
         SELECT u.user_key,
           (SELECT MIN(at) FROM audit WHERE event = 'authn.success' AND user_id = u.user_key AND method = 'otp')
             AS first_2fa,
           (SELECT MAX(at) FROM audit WHERE event = 'authn.success' AND user_id = u.user_key AND method = 'otp')
             AS last_2fa,
           (SELECT id FROM audit WHERE event = 'authn.success' AND user_id = u.user_key
             ORDER BY at DESC, id DESC LIMIT 1) AS last_id
         FROM users u WHERE u.participant = ?)
       SELECT s.user_key, s.first_2fa, s.last_2fa, a.at AS last_at, a.method AS last_method,
         (SELECT count(*) FROM audit f WHERE f.user_id = s.user_key AND ${failed} AND f.at > coalesce(a.at, -1))
           AS failures
       FROM s LEFT JOIN audit a ON a.id = s.last_id`,
    );
    this.previousStmt = db.prepare<[string, number], { at: number; method: Factor }>(
      `SELECT at, method FROM audit WHERE event = 'authn.success' AND user_id = ? AND at < ?
       ORDER BY at DESC, id DESC LIMIT 1`,
    );
    this.failuresStmt = db.prepare<[string, number], { n: number; last: number | null }>(
      `SELECT count(*) AS n, max(f.at) AS last FROM audit f WHERE f.user_id = ? AND ${failed} AND f.at > ?`,
    );
  }

  /** Every user of a participant, by user key. */
  ofParticipant(participant: string): SignInSummary[] {
    return this.ofParticipantStmt.all(participant).map((row) => ({
      userKey: row.user_key,
      first2faAt: row.first_2fa,
      last2faAt: row.last_2fa,
      lastSignIn:
        row.last_at === null || row.last_method === null
          ? null
          : { at: row.last_at, method: row.last_method },
      failuresSinceLastSignIn: row.failures,
    }));
  }

  /** The user's last successful sign-in before `before`. */
  previous(userKey: string, before: number): SignInRecord | null {
    return this.previousStmt.get(userKey, before) ?? null;
  }

  /** Failed attempts after `since`, and when the last was. */
  failuresSince(userKey: string, since: number): { count: number; lastAt: number | null } {
    const row = this.failuresStmt.get(userKey, since);
    return { count: row?.n ?? 0, lastAt: row?.last ?? null };
  }
}
