/** A PostgreSQL database shared by several instances. */
export interface DatabaseOptions {
  /** postgres://user@host:port/database, without a password. */
  url: string;
  /** From PGPASSWORD or a password file; never from the command line. */
  password?: string;
  /** Connections this instance keeps open at most (default 25): commits waiting on the disk share them. */
  poolSize?: number;
  /** How long to wait on the database before answering 503 (each default in `defaultDatabaseTimeouts`). */
  timeouts?: Partial<DatabaseTimeouts>;
}

/**
 * The bounds on every wait for the database, so that one which stops answering (a frozen host, a
 * dropped route) costs a request a few seconds and a 503, never a hang. A request that needs the
 * database waits at most `connectMs + queryMs` before its first statement fails.
 */
export interface DatabaseTimeouts {
  /** For a connection: a free one of the pool, or a new one made and signed in. */
  connectMs: number;
  /** For the answer to one statement, on this side; then the connection is dropped. */
  queryMs: number;
  /** PostgreSQL's own limit on one statement (statement_timeout): it cancels and answers. */
  statementMs: number;
  /**
   * PostgreSQL ends a session that sits this long inside a transaction without a statement
   * (idle_in_transaction_session_timeout): the rows of an instance that went silent mid-transaction
   * are free again.
   */
  idleInTransactionMs: number;
  /** TCP keepalive on each connection, both ends: probes begin after this long without traffic (0: none). */
  keepAliveMs: number;
}

export const defaultDatabaseTimeouts: DatabaseTimeouts = {
  connectMs: 2000,
  queryMs: 2500,
  statementMs: 2000,
  idleInTransactionMs: 10_000,
  keepAliveMs: 5000,
};
