import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/** Debian's PostgreSQL 15 programs. */
const binDir = "/usr/lib/postgresql/15/bin";

/** Why no cluster can be made here, or null when one can. */
export function postgresUnavailable(): string | null {
  if (!fs.existsSync(path.join(binDir, "initdb"))) {
    return `PostgreSQL 15 is not installed (${binDir}/initdb missing: apt-get install postgresql)`;
  }
  if (process.getuid?.() === 0 && spawnSync("id", ["-u", "postgres"]).status !== 0) {
    return "running as root, and there is no postgres user to run PostgreSQL as";
  }
  return null;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A temporary PostgreSQL cluster on loopback, owned by this run and removed by `remove`. */
export interface PgCluster {
  port: number;
  /** The cluster's data folder. */
  dataDir: string;
  /** postgres://ccms@127.0.0.1:<port>/<database> */
  urlOf(database: string): string;
  /** Makes a new empty database. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (fast shutdown: connections are cut), keeping its files. */
  stop(): void;
  /** Starts it again on the same port and files. */
  start(): void;
  /** Stops it if it runs and removes every file. */
  remove(): void;
}

/**
 * initdb as the postgres user when root (PostgreSQL refuses to run as root), trust on loopback
 * only, sockets in the cluster's own folder, a free port; fsync stays on (the tests count on it).
 */
export async function startPostgres(): Promise<PgCluster> {
  const unavailable = postgresUnavailable();
  if (unavailable !== null) throw new Error(unavailable);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-pg-"));
  const asRoot = process.getuid?.() === 0;
  const as = (program: string, args: string[]) => {
    const command = path.join(binDir, program);
    const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
    execFileSync(file, argv, { stdio: ["ignore", "pipe", "pipe"] });
  };
  if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
  const data = path.join(dir, "data");
  as("initdb", ["-D", data, "-A", "trust", "-U", "ccms", "--no-sync", "-E", "UTF8"]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  let running = false;
  const cluster: PgCluster = {
    port,
    dataDir: data,
    urlOf: (database) => `postgres://ccms@127.0.0.1:${port}/${database}`,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: cluster.urlOf("postgres") });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return cluster.urlOf(name);
    },
    stop() {
      if (!running) return;
      as("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      running = false;
    },
    start() {
      if (running) return;
      as("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "start"]);
      running = true;
    },
    remove() {
      try {
        cluster.stop();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  try {
    cluster.start();
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return cluster;
}
