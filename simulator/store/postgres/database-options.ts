/** A PostgreSQL database shared by several instances. */
export interface DatabaseOptions {
  /** postgres://user@host:port/database, without a password. */
  url: string;
  /** From PGPASSWORD or a password file; never from the command line. */
  password?: string;
  /** Connections this instance keeps open at most (default 25): commits waiting on the disk share them. */
  poolSize?: number;
}
