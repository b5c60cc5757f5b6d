import {
  type FastifyRateLimitOptions,
  type FastifyRateLimitStore,
  type FastifyRateLimitStoreCtor,
} from "@fastify/rate-limit";
import { type RouteOptions } from "fastify";
import { type RateLimitStore } from "../store/storage.js";

type Done = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A @fastify/rate-limit store over the database's rate-limit table, so the per-address limit
 * counts every instance's requests. Windows run on the computer's own clock.
 */
export function sharedRateLimitStore(store: RateLimitStore): FastifyRateLimitStoreCtor {
  return class SharedRateLimitStore implements FastifyRateLimitStore {
    private readonly windowMs: number;

    constructor(
      options: FastifyRateLimitOptions & { timeWindow?: unknown },
      private readonly prefix = "",
    ) {
      this.windowMs = typeof options.timeWindow === "number" ? options.timeWindow : 60_000;
    }

    /** The plugin passes the route's window as a third argument. */
    incr(key: string, done: Done, timeWindow: number = this.windowMs): void {
      const now = Date.now();
      store.hit(`${this.prefix}${key}`, timeWindow, now).then(
        ({ count, resetAt }) => done(null, { current: count, ttl: Math.max(0, resetAt - now) }),
        (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(routeOptions: RouteOptions & { path: string; prefix: string }): FastifyRateLimitStore {
      const { routeInfo } = routeOptions as { routeInfo?: { method?: unknown; url?: unknown } };
      const route = `${String(routeInfo?.method ?? "")} ${String(routeInfo?.url ?? "")} `;
      return new SharedRateLimitStore(
        routeOptions as FastifyRateLimitOptions & { timeWindow?: unknown },
        route,
      );
    }
  };
}
