import { type GroupCommit } from "../group-commit.js";
import { type Db } from "../sqlite.js";
import { type Stores } from "../storage.js";

/** Counts the writes made through `store` (its SQLite statements run synchronously within each call). */
function counted<T extends object>(store: T, group: GroupCommit, mine: { writes: number }): T {
  return new Proxy(store, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      return (...args: unknown[]): unknown => {
        const before = group.writes;
        try {
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        } finally {
          mine.writes += group.writes - before;
        }
      };
    },
  });
}

/**
 * `Storage.transaction` on the one SQLite connection. Every write already goes into the group
 * commit's shared transaction; a transaction here holds the group open until `work` ends, so its
 * writes are committed together however many turns it takes. A `work` that throws after writing
 * is undone: back to its savepoint when nobody else wrote meanwhile, else by rolling the whole
 * group back (every answer that wrote into it then fails, as after a failed commit): never a part.
 */
export class SqliteTransactions {
  /** Transactions under way: only the first of overlapping ones has a savepoint of its own. */
  private active = 0;
  private made = 0;

  constructor(
    private readonly db: Db,
    private readonly group: GroupCommit,
    private readonly stores: Stores,
  ) {}

  async run<T>(work: (tx: Stores) => Promise<T>): Promise<T> {
    const release = this.group.hold();
    const groupAtStart = this.group.group;
    const writesAtStart = this.group.writes;
    const mine = { writes: 0 };
    const savepoint = this.active === 0 ? `tx_${++this.made}` : null;
    if (savepoint !== null) this.db.exec(`SAVEPOINT ${savepoint}`);
    this.active += 1;
    // The group this transaction began in is the one it ends in, unless SQLite rolled it back.
    const intact = () => this.group.group === groupAtStart && this.group.lostSince(groupAtStart) === null;
    try {
      const result = await work(this.view(mine));
      if (!intact())
        throw this.group.lostSince(groupAtStart) ?? new Error("SQLite rolled back the transaction");
      if (savepoint !== null) this.db.exec(`RELEASE ${savepoint}`);
      return result;
    } catch (error) {
      this.undo(error, {
        intact: intact(),
        savepoint,
        mine: mine.writes,
        all: this.group.writes - writesAtStart,
      });
      throw error;
    } finally {
      this.active -= 1;
      release();
    }
  }

  /** Takes back what a failed transaction wrote, and nothing that others wrote meanwhile. */
  private undo(
    error: unknown,
    {
      intact,
      savepoint,
      mine,
      all,
    }: { intact: boolean; savepoint: string | null; mine: number; all: number },
  ): void {
    const cause = error instanceof Error ? error : new Error(String(error));
    if (!intact) {
      // SQLite rolled the group back under it: what it wrote after that is in a new group, which goes too.
      if (mine > 0) this.group.abandon(cause);
      return;
    }
    if (mine === 0) {
      if (savepoint !== null) this.db.exec(`RELEASE ${savepoint}`);
    } else if (savepoint !== null && all === mine) {
      this.db.exec(`ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
    } else {
      this.group.abandon(cause);
    }
  }

  private view(mine: { writes: number }): Stores {
    const s = this.stores;
    const c = <T extends object>(store: T) => counted(store, this.group, mine);
    return {
      users: c(s.users),
      lockouts: c(s.lockouts),
      logins: c(s.logins),
      sessions: c(s.sessions),
      outbox: c(s.outbox),
      audit: c(s.audit),
      challenges: c(s.challenges),
      readiness: c(s.readiness),
      daEmail: c(s.daEmail),
      room: c(s.room),
      control: c(s.control),
      clear: c({ clear: (options?: { keepAudit?: boolean }) => s.clear(options) }).clear,
    };
  }
}
