import pg from "pg";
import { RowTakenError, StorageUnavailableError } from "../storage.js";
import { type DatabaseTimeouts, defaultDatabaseTimeouts } from "./database-options.js";

/** BIGINT columns hold milliseconds and counts, well inside a double: read them as numbers. */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
};

/** Socket errors that mean the connection itself is gone. */
const socketCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTFOUND",
]);
/** SQLSTATEs of a server shutting down, starting up or full, and of a statement cancelled by its timeout. */
const awayStates = new Set(["57P01", "57P02", "57P03", "53300", "57014"]);
const lostConnection =
  /Connection terminated|Query read timeout|Client has encountered a connection error|Connection closed|not queryable/i;

/** Whether the connection a statement failed on can serve no other: drop it rather than reuse it. */
function connectionLost(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (socketCodes.has(code) || code.startsWith("08"))) return true;
  return lostConnection.test(error.message);
}

/** Whether a failure means "the database is away (or too slow to answer)", not "the query is wrong". */
export function isDatabaseAway(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && awayStates.has(code)) return true;
  return (
    connectionLost(error) || /connection timeout|timeout exceeded when trying to connect/i.test(error.message)
  );
}

/** The SQLSTATE of `expect_rows` (migration-guarded-writes.ts): a guarded write found its rows changed. */
const rowsNotAsExpected = "ZC409";

function translated(error: unknown): unknown {
  if (error instanceof Error && (error as { code?: unknown }).code === rowsNotAsExpected)
    return new RowTakenError();
  return isDatabaseAway(error) ? new StorageUnavailableError(error) : error;
}

/** A query by name (prepared once per connection) with its parameters. */
export interface Statement {
  name: string;
  text: string;
  /** A SELECT: it changes nothing and waits on no commit, so it may share a connection with others. */
  read: boolean;
}

export function statement(name: string, text: string): Statement {
  return { name, text, read: /^\s*SELECT\b/i.test(text) };
}

interface PendingRead {
  query: Statement;
  values: unknown[];
  answered: (result: pg.QueryResult) => void;
  failed: (error: unknown) => void;
}

type Queryable = Pick<pg.PoolClient, "query">;

async function run<R extends pg.QueryResultRow>(
  on: Queryable,
  { name, text }: Statement,
  values: unknown[],
): Promise<pg.QueryResult<R>> {
  try {
    return await on.query<R>({ name, text, values });
  } catch (error) {
    throw translated(error);
  }
}

/** Where a store's statements run: the pool (each its own commit) or one transaction's connection. */
export interface PgQueryable {
  rows<R extends pg.QueryResultRow>(query: Statement, values?: unknown[]): Promise<R[]>;
  count(query: Statement, values?: unknown[]): Promise<number>;
  /**
   * A write whose answer nobody reads. In a transaction it goes with the next statement that is
   * waited for (or the COMMIT), which reports its failure: no round trip of its own. On the pool it
   * is awaited.
   */
  write(query: Statement, values?: unknown[]): Promise<void>;
  /** Runs `work` in one transaction; inside one already, `work` joins it. */
  transaction<T>(work: (tx: PgTx) => Promise<T>): Promise<T>;
}

/**
 * One transaction's connection: the same statements, in order. Nothing goes out until a statement
 * needs its answer: BEGIN and the writes nobody waits for (`write`) are sent with that statement in
 * one write to the socket, and those after the last one with the COMMIT. A transaction that ends
 * before sending anything costs no round trip at all.
 */
export class PgTx implements PgQueryable {
  private queued: Array<{ query: Statement; values: unknown[] }> = [{ query: begin, values: [] }];
  private readonly sent: Array<Promise<unknown>> = [];

  constructor(private readonly client: pg.PoolClient) {}

  /** Whether anything reached the connection (then a failed transaction must be rolled back). */
  get started(): boolean {
    return this.sent.length > 0;
  }

  async rows<R extends pg.QueryResultRow>(query: Statement, values: unknown[] = []): Promise<R[]> {
    return (await this.answered<R>(query, values)).rows;
  }

  async count(query: Statement, values: unknown[] = []): Promise<number> {
    return (await this.answered(query, values)).rowCount ?? 0;
  }

  write(query: Statement, values: unknown[] = []): Promise<void> {
    this.queued.push({ query, values });
    return Promise.resolve();
  }

  transaction<T>(work: (tx: PgTx) => Promise<T>): Promise<T> {
    return work(this);
  }

  /** Sends what is queued and the COMMIT; rejects with the first failure of any of them. */
  async commit(): Promise<void> {
    const committed = this.send(commit, []);
    await Promise.all([...this.sent, committed]);
  }

  private async answered<R extends pg.QueryResultRow>(query: Statement, values: unknown[]) {
    try {
      return await this.send<R>(query, values);
    } catch (error) {
      // A write sent ahead of it failed first: that is the failure to report, not "transaction aborted".
      for (const earlier of await Promise.allSettled(this.sent)) {
        if (earlier.status === "rejected") throw earlier.reason;
      }
      throw error;
    }
  }

  /** The queued statements then this one, in one write to the socket (pipelined). */
  private send<R extends pg.QueryResultRow>(query: Statement, values: unknown[]): Promise<pg.QueryResult<R>> {
    const stream = (this.client as unknown as pg.Client).connection.stream;
    stream.cork();
    try {
      for (const queued of this.queued) {
        const sent = run(this.client, queued.query, queued.values);
        // Reported by the statement that follows it, or by `commit`.
        sent.catch(() => undefined);
        this.sent.push(sent);
      }
      this.queued = [];
      const answer = run<R>(this.client, query, values);
      answer.catch(() => undefined);
      this.sent.push(answer);
      return answer;
    } finally {
      stream.uncork();
    }
  }
}

/**
 * The pool of connections to the shared database. Every failure that means the database is
 * away (refused, reset, shutting down, starting up, silent past a timeout) becomes a
 * StorageUnavailableError, which answers 503 with Retry-After; the pool makes new connections
 * once it is back. Each wait is bounded (DatabaseTimeouts), and the statements of one transaction
 * are pipelined (see PgTx).
 */
export class PgDb implements PgQueryable {
  readonly pool: pg.Pool;
  private reads: PendingRead[] = [];

  constructor(config: {
    connectionString: string;
    password?: string;
    max: number;
    timeouts?: Partial<DatabaseTimeouts>;
  }) {
    const t = { ...defaultDatabaseTimeouts, ...config.timeouts };
    const keepAliveSeconds = Math.max(1, Math.round(t.keepAliveMs / 1000));
    this.pool = new pg.Pool({
      connectionString: config.connectionString,
      ...(config.password === undefined ? {} : { password: config.password }),
      max: config.max,
      connectionTimeoutMillis: t.connectMs,
      query_timeout: t.queryMs,
      statement_timeout: t.statementMs,
      idle_in_transaction_session_timeout: t.idleInTransactionMs,
      keepAlive: t.keepAliveMs > 0,
      keepAliveInitialDelayMillis: t.keepAliveMs,
      // The server's end probes a silent client too (a dropped route), and so lets go of its rows.
      ...(t.keepAliveMs > 0
        ? {
            options: `-c tcp_keepalives_idle=${keepAliveSeconds} -c tcp_keepalives_interval=1 -c tcp_keepalives_count=5`,
          }
        : {}),
      pipeline: true,
      idleTimeoutMillis: 30_000,
      types,
      application_name: "ccms-2fa-simulator",
    });
    // An idle connection cut by a database restart: the pool drops it; nothing to do here.
    this.pool.on("error", () => undefined);
  }

  async rows<R extends pg.QueryResultRow>(query: Statement, values: unknown[] = []): Promise<R[]> {
    return (await this.run<R>(query, values)).rows;
  }

  async count(query: Statement, values: unknown[] = []): Promise<number> {
    return (await this.run(query, values)).rowCount ?? 0;
  }

  async write(query: Statement, values: unknown[] = []): Promise<void> {
    await this.run(query, values);
  }

  private run<R extends pg.QueryResultRow>(query: Statement, values: unknown[]): Promise<pg.QueryResult<R>> {
    if (!query.read) return run<R>(this.pool, query, values);
    return new Promise((answered, failed) => {
      this.reads.push({ query, values, answered: answered as (result: pg.QueryResult) => void, failed });
      if (this.reads.length === 1) setImmediate(() => this.sendReads());
    });
  }

  /**
   * The reads asked for in one turn of the event loop, by any number of requests, go out together
   * on one connection in one write to the socket (pipelined), and their answers come back in order:
   * one round trip and one server process woken instead of one per read. Writes do not join them:
   * each waits for its commit, which would hold up the reads behind it.
   */
  private sendReads(): void {
    const reads = this.reads;
    this.reads = [];
    const [only] = reads;
    if (reads.length === 1 && only !== undefined) {
      run(this.pool, only.query, only.values).then(only.answered, only.failed);
      return;
    }
    this.withConnection(async (client, discard) => {
      const stream = (client as unknown as pg.Client).connection.stream;
      stream.cork();
      const answers = reads.map((read) => run(client, read.query, read.values));
      stream.uncork();
      const settled = await Promise.allSettled(answers);
      settled.forEach((outcome, i) => {
        const read = reads[i];
        if (outcome.status === "fulfilled") read?.answered(outcome.value);
        else {
          read?.failed(outcome.reason);
          if (connectionLost((outcome.reason as { cause?: unknown }).cause ?? outcome.reason)) {
            discard(outcome.reason instanceof Error ? outcome.reason : new Error(String(outcome.reason)));
          }
        }
      });
    }).catch((error: unknown) => {
      // No connection to be had: each read fails with that.
      for (const read of reads) read.failed(error);
    });
  }

  /**
   * Lends `work` one connection of the pool. While a connection is lent the pool does not listen
   * to it, and a database that goes away (a restart, an administrator's termination) makes it
   * emit 'error', which would end the process if nobody heard it: here it is heard, and the
   * connection goes back to the pool as broken (the pool discards it). `work` sees the loss as
   * the failure of its statement. A connection `work` calls `discard` on is not lent again either.
   */
  async withConnection<T>(
    work: (client: pg.PoolClient, discard: (reason: Error) => void) => Promise<T>,
  ): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw translated(error);
    }
    let broken: Error | undefined;
    const discard = (reason: Error) => {
      broken ??= reason;
    };
    client.on("error", discard);
    try {
      return await work(client, discard);
    } finally {
      client.off("error", discard);
      client.release(broken);
    }
  }

  /**
   * Runs `work` in one transaction: all of it is committed, or none. A connection lost or silent
   * on the way is dropped without a ROLLBACK (which could only wait for it too): PostgreSQL rolls
   * back the transaction of a connection that ends.
   */
  async transaction<T>(work: (tx: PgTx) => Promise<T>): Promise<T> {
    return this.withConnection(async (client, discard) => {
      const tx = new PgTx(client);
      try {
        const result = await work(tx);
        await tx.commit();
        return result;
      } catch (error) {
        if (!tx.started) throw error;
        if (connectionLost(error) || connectionLost((error as { cause?: unknown }).cause)) {
          discard(error instanceof Error ? error : new Error(String(error)));
        } else {
          try {
            await client.query("ROLLBACK");
          } catch (rollbackError) {
            // A connection that could not roll back is not given to anyone else.
            discard(rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError)));
          }
        }
        throw translated(error);
      }
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

const begin = statement("begin", "BEGIN");
const commit = statement("commit", "COMMIT");
