import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NonceStore } from "../../../simulator/features/smartcard/nonce-store.js";
import { SqliteStorage } from "../../../simulator/store/sqlite/sqlite-storage.js";

let dir: string;
let storage: SqliteStorage;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-nonces-"));
  storage = SqliteStorage.open(dir);
});

afterEach(async () => {
  await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("smartcard challenge nonces", () => {
  it("are 32 random bytes, bound to one login, and work once", async () => {
    const now = 1_000;
    const store = new NonceStore(storage.challenges, 120_000, () => now);
    const login = Buffer.from("login-a");
    const { nonce } = await store.issue(login);
    expect(nonce.length).toBe(32);
    expect(await store.take(Buffer.from("login-b"))).toBeUndefined();
    expect(await store.take(login)).toEqual(nonce);
    expect(await store.take(login)).toBeUndefined();
  });

  it("expire after their time, and a new challenge replaces the old one", async () => {
    let now = 0;
    const store = new NonceStore(storage.challenges, 120_000, () => now);
    const login = Buffer.from("login");
    const first = (await store.issue(login)).nonce;
    const second = (await store.issue(login)).nonce;
    expect(second.equals(first)).toBe(false);
    expect(await store.take(login)).toEqual(second);
    await store.issue(login);
    now = 120_000;
    expect(await store.take(login)).toBe("expired");
  });
});
