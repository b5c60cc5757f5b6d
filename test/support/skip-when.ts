declare module "vitest" {
  interface TaskMeta {
    /** Why the test is skipped, as `skipWhen` gave it to a describe (its tests inherit it) or a test. */
    skipReason?: string;
  }
}

/**
 * Options for `describe` or `it` that skip it when `reason` is a string, and give the skip ledger
 * (`npm test`) that reason:
 *
 *     describe("on PostgreSQL", skipWhen(postgresUnavailable()), () => { … });
 *
 * A skip fails `npm test` unless `test/skip-allow-list.ts` allows it, so `reason` names what this
 * machine lacks.
 */
export function skipWhen(reason: string | null | undefined): {
  skip: boolean;
  meta: { skipReason?: string };
} {
  return typeof reason === "string"
    ? { skip: true, meta: { skipReason: reason } }
    : { skip: false, meta: {} };
}
