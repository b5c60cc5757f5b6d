import pg from "pg";
import { StorageUnavailableError } from "../storage.js";

/** BIGINT columns hold milliseconds and counts, well inside a double: read them as numbers. */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
};

/** SQLSTATE classes and socket errors that mean "the database is away", not "the query is wrong". */
const awayCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND"]);
const awayStates = new Set(["57P01", "57P02", "57P03", "53300"]);

export function isDatabaseAway(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (awayCodes.has(code) || awayStates.has(code) || code.startsWith("08"))) {
    return true;
  }
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection closed/i.test(
    error.message,
  );
}

function translated(error: unknown): unknown {
  return isDatabaseAway(error) ? new StorageUnavailableError(error) : error;
}

/** A query by name (prepared once per connection) with its parameters. */
export interface Statement {
  name: string;
  text: string;
}

export function statement(name: string, text: string): Statement {
  return { name, text };
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

/** One transaction's connection: the same statements, in order. */
export class PgTx {
  constructor(private readonly client: pg.PoolClient) {}

  async rows<R extends pg.QueryResultRow>(query: Statement, values: unknown[] = []): Promise<R[]> {
    return (await run<R>(this.client, query, values)).rows;
  }

  async count(query: Statement, values: unknown[] = []): Promise<number> {
    return (await run(this.client, query, values)).rowCount ?? 0;
  }
}

/**
 * The pool of connections to the shared database. Every failure that means the database is
 * away (refused, reset, shutting down, starting up) becomes a StorageUnavailableError, which
 * answers 503 with Retry-After; the pool makes new connections once it is back.
 */
export class PgDb {
  readonly pool: pg.Pool;

  constructor(config: { connectionString: string; password?: string; max: number }) {
    this.pool = new pg.Pool({
      connectionString: config.connectionString,
      ...(config.password === undefined ? {} : { password: config.password }),
      max: config.max,
      connectionTimeoutMillis: 3000,
      idleTimeoutMillis: 30_000,
      types,
      application_name: "ccms-2fa-simulator",
    });
    // An idle connection cut by a database restart: the pool drops it; nothing to do here.
    this.pool.on("error", () => undefined);
  }

  async rows<R extends pg.QueryResultRow>(query: Statement, values: unknown[] = []): Promise<R[]> {
    return (await run<R>(this.pool, query, values)).rows;
  }

  async count(query: Statement, values: unknown[] = []): Promise<number> {
    return (await run(this.pool, query, values)).rowCount ?? 0;
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

  /** Runs `work` in one transaction: all of it is committed, or none. */
  async transaction<T>(work: (tx: PgTx) => Promise<T>): Promise<T> {
    return this.withConnection(async (client, discard) => {
      try {
        await run(client, begin, []);
        const result = await work(new PgTx(client));
        await run(client, commit, []);
        return result;
      } catch (error) {
        try {
          await client.query("ROLLBACK");
        } catch (rollbackError) {
          // A connection that could not roll back is not given to anyone else.
          discard(rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError)));
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
