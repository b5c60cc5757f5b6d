import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SqliteStorage } from "../../../simulator/store/sqlite/sqlite-storage.js";
import { type SessionStore } from "../../../simulator/store/storage.js";

/**
 * Transactions on the one SQLite connection, inside its group commit (every request's writes of a
 * turn share one SQLite transaction): what a transaction wrote is undone when it throws, and
 * nothing another answer wrote meanwhile is half-undone with it.
 */
const hash = (text: string) => crypto.createHash("sha256").update(text).digest();
const turn = () => new Promise((resolve) => setTimeout(resolve, 20));

let dir: string;
let storage: SqliteStorage;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-sqlite-tx-"));
  storage = SqliteStorage.open(dir);
});

afterEach(async () => {
  await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const session = (name: string, on: SessionStore = storage.sessions) =>
  on.create(hash(name), "uma", "otp", 1_000, 8 * 3600_000);
const committed = () => new Promise<Error | null>((resolve) => storage.commits.afterCommit(resolve));

describe("SQLite transactions in the group commit", () => {
  it("hold the group open across turns: an answer that wrote meanwhile waits for the transaction's end", async () => {
    const order: string[] = [];
    const work = storage.transaction(async (tx) => {
      await session("held-1", tx.sessions);
      await turn();
      await turn();
      await session("held-2", tx.sessions);
      order.push("transaction done");
    });
    await turn();
    await session("meanwhile");
    const waited = committed().then((error) => order.push(`committed (${String(error)})`));
    await work;
    await waited;
    expect(order).toEqual(["transaction done", "committed (null)"]);
    for (const name of ["held-1", "held-2", "meanwhile"]) {
      expect(await storage.sessions.find(hash(name))).toMatchObject({ userKey: "uma" });
    }
  });

  it("undo only their own writes when nobody else wrote since they began", async () => {
    const group = storage.commits.group;
    await session("before");
    const work = storage.transaction(async (tx) => {
      await session("undone", tx.sessions);
      throw new Error("changed its mind");
    });
    await expect(work).rejects.toThrow("changed its mind");
    expect(await committed()).toBeNull();
    expect(storage.commits.lostSince(group)).toBeNull();
    expect(await storage.sessions.find(hash("before"))).toMatchObject({ userKey: "uma" });
    expect(await storage.sessions.find(hash("undone"))).toBeUndefined();
  });

  it("lose the whole group when another answer wrote in it meanwhile: both fail, neither is half kept", async () => {
    const work = storage.transaction(async (tx) => {
      await session("mine", tx.sessions);
      await turn();
      throw new Error("changed its mind");
    });
    // The group the transaction holds (it began synchronously with the call).
    const group = storage.commits.group;
    await session("theirs");
    await expect(work).rejects.toThrow("changed its mind");
    // The other answer learns that its write is lost (its request answers 500 or 503, not success).
    expect(storage.commits.lostSince(group)?.message).toBe("changed its mind");
    expect(await storage.sessions.find(hash("mine"))).toBeUndefined();
    expect(await storage.sessions.find(hash("theirs"))).toBeUndefined();
  });
});
