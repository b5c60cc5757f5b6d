import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { HashPool } from "../../../simulator/crypto/hash-pool.js";

const params = { memoryCost: 1024, timeCost: 1, parallelism: 1 };
const pools: HashPool[] = [];
const poolOf = (size: number, idleMs?: number) => {
  const pool = new HashPool(size, idleMs);
  pools.push(pool);
  return pool;
};
const threadCount = (pool: HashPool) => (pool as unknown as { threads: unknown[] }).threads.length;

/** Waits until `probe` holds, polling; fails after `ms`. */
async function until(probe: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error("the condition never held");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

describe("the password-hashing pool", () => {
  it("hashes and verifies on its threads, keeping a thread for the next job", async () => {
    const pool = poolOf(1);
    const encoded = String(
      await pool.run({ kind: "hash", password: "pw", salt: crypto.randomBytes(16), params }),
    );
    expect(encoded).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect(await pool.run({ kind: "verify", password: "pw", encoded })).toBe(true);
    expect(await pool.run({ kind: "verify", password: "other", encoded })).toBe(false);
    expect(threadCount(pool)).toBe(1);
  });

  it("with an idle time, ends a thread that has nothing to do, and starts another for the next job", async () => {
    const pool = poolOf(1, 0);
    const encoded = String(
      await pool.run({ kind: "hash", password: "pw", salt: crypto.randomBytes(16), params }),
    );
    await until(() => threadCount(pool) === 0);
    expect(await pool.run({ kind: "verify", password: "pw", encoded })).toBe(true);
    await until(() => threadCount(pool) === 0);
  });

  it("runs queued jobs in order on one thread, none lost to the idle ending", async () => {
    const pool = poolOf(1, 0);
    const salt = crypto.randomBytes(16);
    const results = await Promise.all(
      ["a", "b", "c"].map((password) => pool.run({ kind: "hash", password, salt, params })),
    );
    const verified = await Promise.all(
      ["a", "b", "c"].map((password, i) =>
        pool.run({ kind: "verify", password, encoded: String(results[i]) }),
      ),
    );
    expect(verified).toEqual([true, true, true]);
  });

  it("never hands a job to a thread that is ending for want of work", async () => {
    const idleMs = 5;
    const pool = poolOf(1, idleMs);
    const salt = crypto.randomBytes(16);
    const encoded = String(await pool.run({ kind: "hash", password: "pw", salt, params }));
    // Each job arrives about when the last one's thread is due to end.
    for (let i = 0; i < 30; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, idleMs));
      expect(await pool.run({ kind: "verify", password: "pw", encoded })).toBe(true);
    }
  });
});
