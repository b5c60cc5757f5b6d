import { type ChallengeStore, type MetaStore, type RateLimitStore } from "../storage.js";
import { Batch } from "./batch.js";
import { type PgDb, type PgQueryable, statement } from "./pg-db.js";

const putChallenge = statement(
  "challenges-put",
  `INSERT INTO smartcard_challenges (login_key, nonce, expires_at) VALUES ($1, $2, $3)
   ON CONFLICT (login_key) DO UPDATE SET nonce = excluded.nonce, expires_at = excluded.expires_at`,
);
const pruneChallenges = statement(
  "challenges-prune",
  "DELETE FROM smartcard_challenges WHERE expires_at < $1",
);
const takeChallenge = statement(
  "challenges-take",
  "DELETE FROM smartcard_challenges WHERE login_key = $1 RETURNING nonce, expires_at",
);

/** Smartcard challenges: a DELETE … RETURNING takes one, so only one instance ever gets it. */
export class PostgresChallengeStore implements ChallengeStore {
  constructor(private readonly db: PgQueryable) {}

  async put(loginKey: Buffer, nonce: Buffer, expiresAt: number): Promise<void> {
    await this.db.write(pruneChallenges, [expiresAt - 24 * 3600_000]);
    await this.db.write(putChallenge, [loginKey, nonce, expiresAt]);
  }

  async take(loginKey: Buffer): Promise<{ nonce: Buffer; expiresAt: number } | undefined> {
    const [row] = await this.db.rows<{ nonce: Buffer; expires_at: number }>(takeChallenge, [loginKey]);
    return row === undefined ? undefined : { nonce: row.nonce, expiresAt: row.expires_at };
  }
}

const getMeta = statement("meta-get", "SELECT value FROM meta WHERE key = $1");
const putMeta = statement(
  "meta-put",
  "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
);

/** Values made once per database: the first instance's insert wins, the others read it. */
export class PostgresMetaStore implements MetaStore {
  constructor(private readonly db: PgDb) {}

  async getOrCreate(key: string, create: () => string | Promise<string>): Promise<string> {
    const [existing] = await this.db.rows<{ value: string }>(getMeta, [key]);
    if (existing !== undefined) return existing.value;
    await this.db.count(putMeta, [key, await create()]);
    const [winner] = await this.db.rows<{ value: string }>(getMeta, [key]);
    if (winner === undefined) throw new Error(`the database lost the value of ${key}`);
    return winner.value;
  }
}

// $4 hits at once: those of one key in one turn of the event loop.
const hit = statement(
  "rate-limit-hit",
  `INSERT INTO rate_limits AS r (key, window_start, hits) VALUES ($1, $2, $4)
   ON CONFLICT (key) DO UPDATE SET
     window_start = CASE WHEN r.window_start + $3 <= $2 THEN $2 ELSE r.window_start END,
     hits = CASE WHEN r.window_start + $3 <= $2 THEN $4 ELSE r.hits + $4 END
   RETURNING hits, window_start`,
);

interface Hit {
  key: string;
  windowMs: number;
  now: number;
}
type Counted = { count: number; resetAt: number };

/**
 * The per-address rate limit, counted in one row per key and window for every instance. The hits
 * of one turn are counted together, one statement per key; each gets its own place in the count.
 */
export class PostgresRateLimitStore implements RateLimitStore {
  private readonly hits: Batch<Hit, Counted>;

  constructor(db: PgDb) {
    this.hits = new Batch(async (items) => {
      const byKey = new Map<string, number[]>();
      items.forEach((item, i) => byKey.set(item.key, [...(byKey.get(item.key) ?? []), i]));
      const results: Counted[] = new Array<Counted>(items.length);
      await Promise.all(
        [...byKey.values()].map(async (indexes) => {
          const first = items[indexes[0] ?? 0] as Hit;
          const [row] = await db.rows<{ hits: number; window_start: number }>(hit, [
            first.key,
            first.now,
            first.windowMs,
            indexes.length,
          ]);
          if (row === undefined) throw new Error("the database did not count the request");
          indexes.forEach((index, place) => {
            results[index] = {
              count: row.hits - indexes.length + 1 + place,
              resetAt: row.window_start + first.windowMs,
            };
          });
        }),
      );
      return results;
    });
  }

  hit(key: string, windowMs: number, now: number): Promise<Counted> {
    return this.hits.add({ key, windowMs, now });
  }
}
