import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import pg from "pg";
import { databaseFile, Db } from "../../../simulator/store/database.js";
import { openStorage } from "../../../simulator/store/open-storage.js";
import { type Storage, type UserRecord } from "../../../simulator/store/storage.js";
import { type PgCluster, postgresUnavailable, startPostgres } from "../../support/postgres-cluster.js";

/** Why PostgreSQL cannot run here, or null. */
export const pgMissing = postgresUnavailable();

/**
 * Storages to test on each adapter: SQLite in a temporary folder, PostgreSQL in a temporary cluster
 * that the calling test file starts before its tests and removes after them.
 */
export interface StorageHarness {
  open(kind: "sqlite" | "postgres"): Promise<Storage>;
  /** The file's PostgreSQL cluster (throws where there is none). */
  cluster(): PgCluster;
  /** A temporary folder, removed after the file's tests. */
  tempDir(): string;
  /** The schema version the database itself records, read past the storage: SQLite's user_version, PostgreSQL's schema_migrations. */
  recordedVersion(storage: Storage): Promise<number>;
}

export function storageHarness(): StorageHarness {
  let cluster: PgCluster | undefined;
  const dirs: string[] = [];
  let databases = 0;
  /** Where an opened storage keeps its data: the SQLite data folder, or the PostgreSQL database's URL. */
  const placeOf = new WeakMap<Storage, string>();

  beforeAll(async () => {
    if (pgMissing === null) cluster = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await cluster?.remove();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  const tempDir = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-storage-"));
    dirs.push(dir);
    return dir;
  };
  const clusterOf = (): PgCluster => {
    if (cluster === undefined) throw new Error("no PostgreSQL cluster");
    return cluster;
  };

  return {
    tempDir,
    cluster: clusterOf,
    async open(kind) {
      const dir = tempDir();
      if (kind === "sqlite") {
        const storage = await openStorage(dir, undefined);
        placeOf.set(storage, dir);
        return storage;
      }
      const url = await clusterOf().createDatabase(`contract_${++databases}`);
      const storage = await openStorage(dir, { url });
      placeOf.set(storage, url);
      return storage;
    },
    async recordedVersion(storage) {
      const place = placeOf.get(storage) ?? "";
      if (storage.kind === "sqlite") {
        const db = Db.open(databaseFile(place));
        try {
          return Number(db.pragma("user_version"));
        } finally {
          db.close();
        }
      }
      const client = new pg.Client({ connectionString: place });
      await client.connect();
      try {
        const { rows } = await client.query<{ version: number }>(
          "SELECT max(version)::int AS version FROM schema_migrations",
        );
        return rows[0]?.version ?? 0;
      } finally {
        await client.end();
      }
    },
  };
}

/** Resolves once the storage's pending writes are committed: null, or the commit's error. */
export const committed = (storage: Storage) =>
  new Promise<Error | null>((resolve) => storage.commits.afterCommit(resolve));

export const hash = (text: string) => crypto.createHash("sha256").update(text).digest();

export function user(userId: string, participant = "CP001"): Omit<UserRecord, "userKey"> {
  return {
    userId,
    displayName: `Name of ${userId}`,
    role: "user",
    participant,
    participantName: "Demo Securities Limited",
    clearingHouse: "HKSCC",
    email: `${userId.toLowerCase()}@example.com`,
    hasSmartcard: true,
    createdAt: 1_000,
    passwordHash: "hash-1",
    passwordChangedAt: 1_000,
    passwordExpired: false,
  };
}
