import { UsageError } from "../../shared/cli.js";
import { type DatabaseTimeouts, defaultDatabaseTimeouts } from "../store/postgres/database-options.js";

/** The flags that bound the waits on PostgreSQL, each with the range it accepts. */
const flags = {
  "database-connect-timeout-ms": { field: "connectMs", min: 100, max: 600_000 },
  "database-query-timeout-ms": { field: "queryMs", min: 100, max: 600_000 },
  "database-statement-timeout-ms": { field: "statementMs", min: 100, max: 600_000 },
  "database-keepalive-ms": { field: "keepAliveMs", min: 0, max: 3_600_000 },
  "database-idle-in-transaction-timeout-ms": { field: "idleInTransactionMs", min: 1000, max: 3_600_000 },
} as const satisfies Record<string, { field: keyof DatabaseTimeouts; min: number; max: number }>;

export type DatabaseTimeoutFlag = keyof typeof flags;

export const databaseTimeoutOptions = Object.fromEntries(
  Object.keys(flags).map((flag) => [flag, { type: "string" }]),
) as Record<DatabaseTimeoutFlag, { type: "string" }>;

export const databaseTimeoutUsage = `  --database-connect-timeout-ms <n>    wait for a database connection at most this long (default ${defaultDatabaseTimeouts.connectMs})
  --database-query-timeout-ms <n>      wait for a statement's answer at most this long, then drop the
                                       connection and answer 503 (default ${defaultDatabaseTimeouts.queryMs})
  --database-statement-timeout-ms <n>  PostgreSQL cancels a statement that runs longer (default ${defaultDatabaseTimeouts.statementMs};
                                       below the query timeout)
  --database-keepalive-ms <n>          TCP keepalive probes after this long without traffic, both ends
                                       (default ${defaultDatabaseTimeouts.keepAliveMs}; 0: off)
  --database-idle-in-transaction-timeout-ms <n>
                                       PostgreSQL ends a session silent this long inside a transaction,
                                       freeing its rows (default ${defaultDatabaseTimeouts.idleInTransactionMs})`;

/** The timeouts given on the command line (each a whole number of milliseconds), checked against each other. */
export function parseDatabaseTimeouts(
  values: Partial<Record<DatabaseTimeoutFlag, string>>,
): Partial<DatabaseTimeouts> | undefined {
  const given: Partial<DatabaseTimeouts> = {};
  for (const [flag, { field, min, max }] of Object.entries(flags) as Array<
    [DatabaseTimeoutFlag, (typeof flags)[DatabaseTimeoutFlag]]
  >) {
    const text = values[flag];
    if (text === undefined) continue;
    if (!/^\d+$/.test(text))
      throw new UsageError(`--${flag} must be a whole number of milliseconds, not "${text}".`);
    const value = Number(text);
    if (value < min || value > max) throw new UsageError(`--${flag} must be between ${min} and ${max}.`);
    given[field] = value;
  }
  const { statementMs, queryMs } = { ...defaultDatabaseTimeouts, ...given };
  if (statementMs >= queryMs) {
    throw new UsageError(
      `--database-statement-timeout-ms (${statementMs}) must be below --database-query-timeout-ms (${queryMs}): ` +
        "PostgreSQL then cancels a slow statement and answers, before this side gives up on the connection.",
    );
  }
  return Object.keys(given).length === 0 ? undefined : given;
}
