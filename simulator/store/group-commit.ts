import { type Db } from "./sqlite.js";
import { type CommitBarrier } from "./storage.js";

type Settled = (error: Error | null) => void;

const rolledBack = () => new Error("SQLite rolled back the group of writes");

const commits = new WeakMap<Db, GroupCommit>();

/** The group commit of a database connection (one per connection, made on first use). */
export function groupCommitOf(db: Db): GroupCommit {
  let commit = commits.get(db);
  if (commit === undefined) {
    commit = new GroupCommit(db);
    commits.set(db, commit);
  }
  return commit;
}

/**
 * Group commit for the simulator's one SQLite connection. Every write first calls
 * `open()`, which starts a shared transaction when none is open; the transaction
 * is committed on the next turn of the event loop (setImmediate), and an answer
 * that may depend on it waits for that commit (`afterCommit`), so a write is
 * durable before it is acknowledged, as with one commit per statement. What it
 * saves: many statements of many requests go to the WAL in one commit, each page
 * written once per group instead of once per statement, with one set of locks.
 *
 * If SQLite rolls a group back (an I/O error, a full disk) or its commit fails,
 * the group is lost: `lostSince` tells the answers that may have written into it
 * to fail instead of acknowledging.
 */
export class GroupCommit implements CommitBarrier {
  private readonly beginStmt;
  private readonly commitStmt;
  private readonly rollbackStmt;
  /** Whether the shared transaction (not one of `Db.transaction`'s own) is open. */
  private groupOpen = false;
  /** Number of the latest group opened; groups are numbered from 1. */
  private latestGroup = 0;
  /** 0: none lost. */
  private latestLostGroup = 0;
  private latestLoss: Error | null = null;
  private flushScheduled = false;
  private waiting: Settled[] = [];
  /** Transactions under way (see `hold`): the group is not committed while there are any. */
  private holds = 0;
  /** Writes made so far (each `open`), for a transaction to tell its own from others'. */
  private writeCount = 0;

  constructor(private readonly db: Db) {
    this.beginStmt = db.prepare("BEGIN");
    this.commitStmt = db.prepare("COMMIT");
    this.rollbackStmt = db.prepare("ROLLBACK");
  }

  /** The latest group's number: a request notes it on arrival for `lostSince`. */
  get group(): number {
    return this.latestGroup;
  }

  /** How many writes were made so far. */
  get writes(): number {
    return this.writeCount;
  }

  /** Call before any write: joins the open transaction, or opens the shared one. */
  open(): void {
    this.writeCount += 1;
    this.join();
  }

  /** Joins the open transaction, or opens the shared one. */
  private join(): void {
    if (this.groupOpen && !this.db.inTransaction) this.lose(rolledBack());
    // Inside a transaction of its own (Db.transaction), a write commits with it.
    if (this.db.inTransaction) return;
    this.beginStmt.run();
    this.groupOpen = true;
    this.latestGroup += 1;
    this.scheduleFlush();
  }

  /**
   * Opens the group (when none is) and keeps it from being committed until the returned function
   * is called: a transaction's writes, however many turns of the event loop it takes, are in one group.
   */
  hold(): () => void {
    this.join();
    this.holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      if (this.holds === 0) this.scheduleFlush();
    };
  }

  /** Rolls the open group back: every answer that wrote into it fails with `error`. */
  abandon(error: Error): void {
    if (this.groupOpen && this.db.inTransaction) {
      try {
        this.rollbackStmt.run();
      } catch {
        // Rolled back already (SQLite does on some errors): the group is lost either way.
      }
    }
    this.lose(error);
  }

  /** Calls back once the open group (if any) is committed: at once when none is open. */
  afterCommit(settled: Settled): void {
    if (!this.groupOpen) {
      settled(null);
      return;
    }
    this.waiting.push(settled);
    this.scheduleFlush();
  }

  /** The error that lost a group numbered `group` or later, or null. */
  lostSince(group: number): Error | null {
    return this.latestLostGroup !== 0 && this.latestLostGroup >= group ? this.latestLoss : null;
  }

  /** Commits the open group now (closing the database, for one); throws if it is lost. */
  commitNow(): void {
    const error = this.commit();
    this.settle(error);
    if (error !== null) throw error;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      // A transaction under way: its release schedules the commit.
      if (this.holds > 0) return;
      if (this.db.open) this.settle(this.commit());
    });
  }

  private commit(): Error | null {
    if (!this.groupOpen) return null;
    if (!this.db.inTransaction) return this.lose(rolledBack());
    try {
      this.commitStmt.run();
      this.groupOpen = false;
      return null;
    } catch (error) {
      try {
        if (this.db.inTransaction) this.rollbackStmt.run();
      } catch {
        // The commit's own error is the one to report.
      }
      return this.lose(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private lose(error: Error): Error {
    this.groupOpen = false;
    this.latestLostGroup = this.latestGroup;
    this.latestLoss = error;
    return error;
  }

  private settle(error: Error | null): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const settled of waiting) settled(error);
  }
}
