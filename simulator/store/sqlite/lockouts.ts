import { type Db } from "../sqlite.js";
import { type GroupCommit, groupCommitOf } from "../group-commit.js";
import { type FailureOutcome, type LockoutRule, type LockoutStore } from "../storage.js";

/**
 * Failed-password counting and lockout, keyed by the normalized user ID whether
 * or not such a user exists, so a lockout tells nothing about existence.
 */
export class SqliteLockoutStore implements LockoutStore {
  private readonly lockedUntilStmt;
  private readonly addFailure;
  private readonly countFailures;
  private readonly clearFailures;
  private readonly setLock;
  private readonly clearLock;
  private readonly pruneFailures;
  private readonly writes: GroupCommit;

  constructor(private readonly db: Db) {
    this.writes = groupCommitOf(db);
    this.lockedUntilStmt = db.prepare<[string], { locked_until: number }>(
      "SELECT locked_until FROM lockouts WHERE user_key = ?",
    );
    this.addFailure = db.prepare("INSERT INTO login_failures (user_key, at) VALUES (?, ?)");
    this.countFailures = db.prepare<[string, number], { n: number }>(
      "SELECT count(*) AS n FROM login_failures WHERE user_key = ? AND at > ?",
    );
    this.clearFailures = db.prepare("DELETE FROM login_failures WHERE user_key = ?");
    this.pruneFailures = db.prepare("DELETE FROM login_failures WHERE user_key = ? AND at <= ?");
    this.setLock = db.prepare(
      "INSERT INTO lockouts (user_key, locked_until) VALUES (?, ?) ON CONFLICT (user_key) DO UPDATE SET locked_until = excluded.locked_until",
    );
    this.clearLock = db.prepare("DELETE FROM lockouts WHERE user_key = ?");
  }

  async lockedUntil(userKey: string, now: number): Promise<number | null> {
    return this.lockedUntilNow(userKey, now);
  }

  async recordFailure(userKey: string, now: number, rule: LockoutRule): Promise<FailureOutcome> {
    this.writes.open();
    return this.db.transaction((): FailureOutcome => {
      const locked = this.lockedUntilNow(userKey, now);
      if (locked !== null) return { kind: "already-locked", until: locked };
      this.pruneFailures.run(userKey, now - rule.windowMs);
      this.addFailure.run(userKey, now);
      const failures = this.countFailures.get(userKey, now - rule.windowMs)?.n ?? 0;
      if (failures < rule.threshold) return { kind: "counted" };
      const until = now + rule.lockMs;
      this.setLock.run(userKey, until);
      this.clearFailures.run(userKey);
      return { kind: "locked", until };
    });
  }

  async clearFailuresOf(userKey: string): Promise<void> {
    this.writes.open();
    this.clearFailures.run(userKey);
  }

  async admit(userKey: string, now: number): Promise<number | null> {
    const locked = this.lockedUntilNow(userKey, now);
    if (locked === null) await this.clearFailuresOf(userKey);
    return locked;
  }

  async lock(userKey: string, until: number): Promise<void> {
    this.writes.open();
    this.setLock.run(userKey, until);
  }

  async unlock(userKey: string): Promise<void> {
    this.writes.open();
    this.db.transaction(() => {
      this.clearLock.run(userKey);
      this.clearFailures.run(userKey);
    });
  }

  private lockedUntilNow(userKey: string, now: number): number | null {
    const row = this.lockedUntilStmt.get(userKey);
    return row !== undefined && row.locked_until > now ? row.locked_until : null;
  }
}
