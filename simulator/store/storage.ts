import { type UserStore, type LockoutStore } from "./account-stores.js";
import { type ControlStore, type MetaStore, type RateLimitStore } from "./control-stores.js";
import { type DaEmailStore } from "./da-email-store.js";
import { type AuditStore, type OutboxStore } from "./mail-audit-stores.js";
import { type ReadinessStore } from "./readiness-store.js";
import { type RoomStore } from "./room-store.js";
import { type ChallengeStore, type LoginStore, type SessionStore } from "./sign-in-stores.js";

export type * from "./account-stores.js";
export type * from "./da-email-store.js";
export type * from "./room-store.js";
export type * from "./mail-audit-stores.js";
export type * from "./readiness-store.js";
export type * from "./sign-in-stores.js";
export * from "./control-stores.js";

/**
 * The simulator's storage, as its features see it: one interface, two adapters. SQLite
 * (`sqlite/`) is the embedded default, one process; PostgreSQL (`postgres/`) is shared by any
 * number of instances. Everything that must agree across instances is here, never in a
 * process's memory: users, logins, sessions, lockouts, codes, mail, audit, smartcard
 * challenges, the per-address rate limit and the control state (clock, pinned phase, faults,
 * scenario, the trainer's moment and situation, the control token).
 *
 * Every operation that decides something (a failure that locks, a code used once, a login
 * finished) is one atomic step in the database, so two instances racing get one winner.
 */
export interface Storage extends Stores {
  readonly kind: "sqlite" | "postgres";
  readonly meta: MetaStore;
  /** The shared per-address rate limit; null where the process is the only instance (a memory store does). */
  readonly rateLimits: RateLimitStore | null;
  /** When an answer may leave: after every write it may report is committed (see commit-before-answer). */
  readonly commits: CommitBarrier;
  /**
   * Runs `work` with stores whose writes are one commit: all of them once `work` resolves, none if it
   * throws or the database goes away first. An answer that writes more than once (a login finished
   * and its session issued, a failure counted and its audit line) makes its writes here, so that no
   * failure between two of them can leave one without the other. Decide and reach the outside world
   * (mail, hashing) before it: the transaction holds a connection and the rows it changed until it ends.
   * A store's own multi-statement step (a lockout's count) joins the transaction it runs in. Audit
   * lines appended in it are written with it (and not seen by `audit.list` inside it).
   */
  transaction<T>(work: (tx: Stores) => Promise<T>): Promise<T>;
  /** Resolves when the database answers and its schema is the one this build expects; throws otherwise. */
  ready(): Promise<{ schemaVersion: number }>;
  /** Commits what is pending and closes the connections. */
  close(): Promise<void>;
}

/** The stores one transaction spans (`Storage.transaction`); outside one, the storage's own. */
export interface Stores {
  readonly users: UserStore;
  readonly lockouts: LockoutStore;
  readonly logins: LoginStore;
  readonly sessions: SessionStore;
  readonly outbox: OutboxStore;
  readonly audit: AuditStore;
  readonly challenges: ChallengeStore;
  /** Terminal PCs' connectivity results and the participant's users, for the readiness board. */
  readonly readiness: ReadinessStore;
  /** DAs' email applications to HKEX. */
  readonly daEmail: DaEmailStore;
  /** The trainer's view of the room. */
  readonly room: RoomStore;
  /**
   * The control state every instance obeys. In a transaction, a change is seen by the other instances
   * (and should be adopted by this one's ControlState) only once it is committed.
   */
  readonly control: ControlStore;
  /**
   * Empties users, logins, lockouts, mail, challenges, PCs' results, DAs' email applications and (unless `keepAudit`) the audit
   * log. Sessions stay: `sessions.endAll` ends them first, so that their holders learn why.
   */
  clear(options?: { keepAudit?: boolean }): Promise<void>;
}

/** Tells the HTTP layer whether the writes an answer may report are durable. */
export interface CommitBarrier {
  /** A number a request notes on arrival, to ask `lostSince` about the writes made after it. */
  readonly group: number;
  /** Calls back once every write made so far is committed (null), or with the error that lost some. */
  afterCommit(settled: (error: Error | null) => void): void;
  /** The error that lost a write made at or after `group`, or null when none was lost. */
  lostSince(group: number): Error | null;
}

/**
 * A guarded write (`LoginStore.finishOrAbort`) found its row no longer as the caller saw it: another
 * request changed it first (a login ended, its code voided or replaced). Nothing of the transaction it
 * ran in was committed.
 */
export class RowTakenError extends Error {
  constructor() {
    super("the row was changed by another request first");
    this.name = "RowTakenError";
  }
}

/** A database that cannot be reached (down, restarting): the answer is 503 with Retry-After. */
export class StorageUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`the database cannot be reached: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = "StorageUnavailableError";
  }
}
