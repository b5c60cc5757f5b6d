/**
 * Where the simulator's PostgreSQL connections spend their time during a bench run: every
 * `intervalMs` one query of `pg_stat_activity` notes, for each of the simulator's connections that
 * is inside a query or a transaction, its wait event (`CPU` when it waits on none: it is running)
 * and the query it is on. Idle connections (waiting for the simulator to send the next query)
 * are not counted: what is left is the time PostgreSQL itself takes, and on what.
 */
import pg from "pg";

/** Of the simulator's connections only (see PgDb's application_name). */
const sample = `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS wait,
       state, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS query
  FROM pg_stat_activity
 WHERE application_name = 'ccms-2fa-simulator' AND state <> 'idle' AND pid <> pg_backend_pid()`;

export interface WaitEvent {
  wait: string;
  /** Samples of a busy connection at this wait event. */
  samples: number;
  /** Its share of every busy sample. */
  share: number;
  /** The statement most often seen waiting on it, and how often. */
  topQuery: string;
  topQueryShare: number;
}

export interface WaitProfile {
  /** How many times pg_stat_activity was read. */
  reads: number;
  /** Transactions the database committed or rolled back in the sampled seconds (a statement alone is one). */
  transactions: number;
  /** Times the WAL was flushed to disk in the sampled seconds: what each synchronous commit waits for. */
  walSyncs: number;
  /** Busy connections seen, summed over the reads: their mean is `busy / reads`. */
  busy: number;
  events: WaitEvent[];
}

export class PgWaitSampler {
  private readonly client: pg.Client;
  private readonly counts = new Map<string, { samples: number; queries: Map<string, number> }>();
  private reads = 0;
  private busy = 0;
  private timer: NodeJS.Timeout | null = null;
  private reading = false;
  private countersAtStart = { transactions: 0, walSyncs: 0 };

  constructor(databaseUrl: string) {
    this.client = new pg.Client({ connectionString: databaseUrl, application_name: "ccms-bench-sampler" });
  }

  async start(intervalMs = 50): Promise<void> {
    await this.client.connect();
    this.countersAtStart = await this.counters();
    this.timer = setInterval(() => void this.read(), intervalMs);
  }

  /** Stops sampling and answers the wait events, most frequent first. */
  async stop(): Promise<WaitProfile> {
    if (this.timer !== null) clearInterval(this.timer);
    // The backends report their counts when idle, at least once a second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const counters = await this.counters();
    await this.client.end();
    const events = [...this.counts.entries()]
      .map(([wait, { samples, queries }]): WaitEvent => {
        const [topQuery, topCount] = [...queries.entries()].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
        return {
          wait,
          samples,
          share: this.busy === 0 ? 0 : samples / this.busy,
          topQuery,
          topQueryShare: samples === 0 ? 0 : topCount / samples,
        };
      })
      .sort((a, b) => b.samples - a.samples);
    return {
      reads: this.reads,
      busy: this.busy,
      transactions: counters.transactions - this.countersAtStart.transactions,
      walSyncs: counters.walSyncs - this.countersAtStart.walSyncs,
      events,
    };
  }

  private async counters(): Promise<{ transactions: number; walSyncs: number }> {
    const { rows } = await this.client.query<{ transactions: string; wal_syncs: string }>(
      `SELECT (SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()) AS transactions,
              (SELECT wal_sync FROM pg_stat_wal) AS wal_syncs`,
    );
    return { transactions: Number(rows[0]?.transactions ?? 0), walSyncs: Number(rows[0]?.wal_syncs ?? 0) };
  }

  private async read(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      const { rows } = await this.client.query<{ wait: string; state: string; query: string }>(sample);
      this.reads += 1;
      for (const row of rows) {
        // A transaction's connection waiting for the simulator's next statement is the simulator's time.
        const wait = row.state === "idle in transaction" ? `${row.wait} (in a transaction)` : row.wait;
        const entry = this.counts.get(wait) ?? { samples: 0, queries: new Map<string, number>() };
        entry.samples += 1;
        entry.queries.set(row.query, (entry.queries.get(row.query) ?? 0) + 1);
        this.counts.set(wait, entry);
        this.busy += 1;
      }
    } catch {
      // A read cut short by the end of the run.
    } finally {
      this.reading = false;
    }
  }
}
