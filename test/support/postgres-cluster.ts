import { execFile, execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const execFileAsync = promisify(execFile);

/** Where PostgreSQL's server programs may be, and how to ask `pg_config`. */
export interface PostgresSearch {
  /** `pg_config --bindir`, or null without pg_config. */
  pgConfigBindir: () => string | null;
  /** Debian's folder of installed majors: `<libDir>/<major>/bin`. */
  libDir: string;
}

const onThisMachine: PostgresSearch = {
  pgConfigBindir: () => {
    const run = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
    return run.status === 0 ? run.stdout.trim() || null : null;
  },
  libDir: "/usr/lib/postgresql",
};

const hasServer = (dir: string) =>
  fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl"));

/**
 * The folder of PostgreSQL's server programs (initdb, pg_ctl), whatever the major version Debian
 * installs (15 on Debian 12, 17 on Debian 13): `pg_config --bindir` when it has them, else the newest
 * `/usr/lib/postgresql/<major>/bin` that does. Null when there is none.
 */
export function findPostgresBin(search: PostgresSearch = onThisMachine): string | null {
  const fromPgConfig = search.pgConfigBindir();
  if (fromPgConfig !== null && hasServer(fromPgConfig)) return fromPgConfig;
  const majors = fs.existsSync(search.libDir)
    ? fs
        .readdirSync(search.libDir)
        .filter((name) => /^\d+(\.\d+)?$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const major of majors) {
    const dir = path.join(search.libDir, major, "bin");
    if (hasServer(dir)) return dir;
  }
  return null;
}

/** `initdb --version`'s version ("15.14"), for what a run says it used. */
export function postgresVersion(binDir: string): string {
  const printed = execFileSync(path.join(binDir, "initdb"), ["--version"], { encoding: "utf8" });
  return /(\d+(?:\.\d+)*)/.exec(printed)?.[1] ?? "unknown";
}

/** Why no cluster can be made here, or null when one can. */
export function postgresUnavailable(): string | null {
  if (findPostgresBin() === null) {
    return "PostgreSQL's server programs are not installed (no initdb in pg_config --bindir or /usr/lib/postgresql/*/bin: apt-get install postgresql)";
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
  /** PostgreSQL's version, as `initdb --version` gives it ("15.14"). */
  version: string;
  /** The cluster's data folder. */
  dataDir: string;
  /** The server's log file. */
  logFile: string;
  /** postgres://ccms@127.0.0.1:<port>/<database> */
  urlOf(database: string): string;
  /** Makes a new empty database. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (fast shutdown: connections are cut), keeping its files. The event loop runs on meanwhile. */
  stop(): Promise<void>;
  /** Starts it again on the same port and files. */
  start(): Promise<void>;
  /** Stops it if it runs and removes every file. */
  remove(): Promise<void>;
}

/**
 * initdb as the postgres user when root (PostgreSQL refuses to run as root), trust on loopback
 * only, sockets in the cluster's own folder, a free port; fsync stays on (the tests count on it).
 */
export async function startPostgres(): Promise<PgCluster> {
  const unavailable = postgresUnavailable();
  const binDir = findPostgresBin();
  if (unavailable !== null || binDir === null) throw new Error(unavailable ?? "PostgreSQL is not installed");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-pg-"));
  const asRoot = process.getuid?.() === 0;
  const commandLine = (program: string, args: string[]): [string, string[]] => {
    const command = path.join(binDir, program);
    return asRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  };
  const as = async (program: string, args: string[]) => {
    const [file, argv] = commandLine(program, args);
    await execFileAsync(file, argv);
  };
  if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
  const data = path.join(dir, "data");
  execFileSync(
    ...commandLine("initdb", ["-D", data, "-A", "trust", "-U", "ccms", "--no-sync", "-E", "UTF8"]),
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  const logFile = path.join(dir, "log");
  let running = false;
  const cluster: PgCluster = {
    port,
    version: postgresVersion(binDir),
    dataDir: data,
    logFile,
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
    async stop() {
      if (!running) return;
      await as("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      running = false;
    },
    async start() {
      if (running) return;
      await as("pg_ctl", ["-D", data, "-o", options, "-l", logFile, "-w", "start"]);
      running = true;
    },
    async remove() {
      try {
        await cluster.stop();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  try {
    await cluster.start();
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return cluster;
}
