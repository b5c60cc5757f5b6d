import type pg from "pg";
import { Batch } from "./batch.js";
import { PgDb, type PgQueryable, type Statement } from "./pg-db.js";

/** The text a key is matched by: a Buffer's hex, a string as it is. */
const keyText = (key: string | Buffer): string => (typeof key === "string" ? key : key.toString("hex"));

/**
 * Reads one row by its key. On the pool, the reads asked for in one turn of the event loop, by any
 * number of requests, share one statement (`query` takes an array of keys: `= ANY($1)`), as a
 * DataLoader does: under load, one round trip instead of one per request. In a transaction, each
 * read is its own statement on the transaction's connection (it must see the transaction's writes).
 */
export function rowByKey<K extends string | Buffer, R extends pg.QueryResultRow>(
  on: PgQueryable,
  query: Statement,
  keyOf: (row: R) => K,
): (key: K) => Promise<R | undefined> {
  if (!(on instanceof PgDb)) return async (key) => (await on.rows<R>(query, [[key]]))[0];
  const reads = new Batch<K, R | undefined>(async (keys) => {
    const distinct = [...new Map(keys.map((key) => [keyText(key), key])).values()];
    const rows = await on.rows<R>(query, [distinct]);
    const found = new Map(rows.map((row) => [keyText(keyOf(row)), row]));
    return keys.map((key) => found.get(keyText(key)));
  });
  return (key) => reads.add(key);
}
