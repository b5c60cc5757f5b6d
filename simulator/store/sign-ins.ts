import { type Factor } from "../../shared/wire/authn.js";
import { failedAttemptSql } from "./readiness.js";
import { type Db } from "./sqlite.js";

/** A successful sign-in, from the audit log. */
export interface SignInRecord {
  at: number;
  method: Factor;
}

/** A user's sign-ins and failed attempts, read from the audit log (which every sign-in step writes). */
export class SignInHistory {
  private readonly previousStmt;
  private readonly failuresStmt;

  constructor(db: Db) {
    this.previousStmt = db.prepare<[string, number], { at: number; method: Factor }>(
      `SELECT at, method FROM audit WHERE event = 'authn.success' AND user_id = ? AND at < ?
       ORDER BY at DESC, id DESC LIMIT 1`,
    );
    this.failuresStmt = db.prepare<[string, number], { n: number; last: number | null }>(
      `SELECT count(*) AS n, max(f.at) AS last FROM audit f WHERE f.user_id = ? AND ${failedAttemptSql} AND f.at > ?`,
    );
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
