import { type FailureOutcome, type LockoutRule, type LockoutStore } from "../storage.js";
import { rowByKey } from "./keyed-reads.js";
import { type PgQueryable, statement } from "./pg-db.js";

const locksOf = statement(
  "lockouts-until",
  "SELECT user_key, locked_until FROM lockouts WHERE user_key = ANY($1::text[])",
);

interface LockRow {
  user_key: string;
  locked_until: number;
}
// Failures of one user are counted one instance at a time: the lock is the user's, for the transaction.
const serialize = statement(
  "lockouts-serialize",
  "SELECT pg_advisory_xact_lock(hashtextextended('lockout:' || $1, 0))",
);
const prune = statement("lockouts-prune", "DELETE FROM login_failures WHERE user_key = $1 AND at <= $2");
const addFailure = statement("lockouts-add", "INSERT INTO login_failures (user_key, at) VALUES ($1, $2)");
const countFailures = statement(
  "lockouts-count",
  "SELECT count(*)::int AS n FROM login_failures WHERE user_key = $1 AND at > $2",
);
const setLock = statement(
  "lockouts-set",
  `INSERT INTO lockouts (user_key, locked_until) VALUES ($1, $2)
   ON CONFLICT (user_key) DO UPDATE SET locked_until = excluded.locked_until`,
);
const clearFailures = statement("lockouts-clear-failures", "DELETE FROM login_failures WHERE user_key = $1");
// One round trip: the lock in force, or (none) the failures cleared.
const admit = statement(
  "lockouts-admit",
  `WITH lock AS (SELECT locked_until FROM lockouts WHERE user_key = $1 AND locked_until > $2),
   cleared AS (DELETE FROM login_failures WHERE user_key = $1 AND NOT EXISTS (SELECT 1 FROM lock))
   SELECT locked_until FROM lock`,
);
const clearLock = statement("lockouts-clear", "DELETE FROM lockouts WHERE user_key = $1");

const inForce = (row: LockRow | undefined, now: number): number | null =>
  row !== undefined && row.locked_until > now ? row.locked_until : null;

export class PostgresLockoutStore implements LockoutStore {
  private readonly lockOf: (userKey: string) => Promise<LockRow | undefined>;

  constructor(private readonly db: PgQueryable) {
    this.lockOf = rowByKey<string, LockRow>(db, locksOf, (row) => row.user_key);
  }

  async lockedUntil(userKey: string, now: number): Promise<number | null> {
    return inForce(await this.lockOf(userKey), now);
  }

  recordFailure(userKey: string, now: number, rule: LockoutRule): Promise<FailureOutcome> {
    return this.db.transaction(async (tx): Promise<FailureOutcome> => {
      await tx.rows(serialize, [userKey]);
      const [lock] = await tx.rows<LockRow>(locksOf, [[userKey]]);
      const locked = inForce(lock, now);
      if (locked !== null) return { kind: "already-locked", until: locked };
      await tx.write(prune, [userKey, now - rule.windowMs]);
      await tx.write(addFailure, [userKey, now]);
      const [counted] = await tx.rows<{ n: number }>(countFailures, [userKey, now - rule.windowMs]);
      if ((counted?.n ?? 0) < rule.threshold) return { kind: "counted" };
      const until = now + rule.lockMs;
      await tx.write(setLock, [userKey, until]);
      await tx.write(clearFailures, [userKey]);
      return { kind: "locked", until };
    });
  }

  async clearFailuresOf(userKey: string): Promise<void> {
    await this.db.write(clearFailures, [userKey]);
  }

  async admit(userKey: string, now: number): Promise<number | null> {
    const [row] = await this.db.rows<{ locked_until: number }>(admit, [userKey, now]);
    return row?.locked_until ?? null;
  }

  async lock(userKey: string, until: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.rows(serialize, [userKey]);
      await tx.write(setLock, [userKey, until]);
    });
  }

  async unlock(userKey: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.rows(serialize, [userKey]);
      await tx.write(clearLock, [userKey]);
      await tx.write(clearFailures, [userKey]);
    });
  }
}
