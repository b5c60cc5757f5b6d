import { Resolver } from "node:dns";
import { lookup } from "node:dns/promises";
import { performance } from "node:perf_hooks";
import { envProxyResolver } from "./proxy-config.js";
import type { CheckDependencies, DnsResolver } from "./types.js";

/** node:dns Resolver asking only the given servers, one try each, bounded by the timeout. */
export function createNodeResolver(servers: string[], timeoutMs: number): DnsResolver {
  const resolver = new Resolver({ timeout: Math.max(1, Math.round(timeoutMs)), tries: 1 });
  resolver.setServers(servers);
  const ask =
    (method: "resolve4" | "resolve6") =>
    (hostname: string): Promise<string[]> =>
      new Promise((resolve, reject) => {
        resolver[method](hostname, (error, addresses) => (error ? reject(error) : resolve(addresses)));
      });
  return { resolve4: ask("resolve4"), resolve6: ask("resolve6"), cancel: () => resolver.cancel() };
}

/** The real clock, resolvers and (unless given) the environment's proxy settings. */
export function defaultDependencies(overrides: Partial<CheckDependencies> = {}): CheckDependencies {
  return {
    resolveProxy: envProxyResolver(),
    lookup: (hostname) => lookup(hostname, { all: true, verbatim: true }),
    createResolver: createNodeResolver,
    now: () => new Date(),
    perfNow: () => performance.now(),
    ...overrides,
  };
}
