import { Resolver } from "node:dns";
import { lookup } from "node:dns/promises";
import { performance } from "node:perf_hooks";
import type { Router } from "../network/route-agent.js";
import { decideRoute } from "../network/route-decision.js";
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

/**
 * The route of the command line (and of a check without the app): the system's proxy when a
 * resolver is given (PAC form, as Electron answers), else the environment's; no credentials but
 * those written in the proxy's address.
 */
export function systemRouter(resolveProxy?: (url: string) => Promise<string>): Router {
  return {
    decide: (target) =>
      decideRoute(target, { setting: { mode: "system" }, systemResolver: resolveProxy, env: process.env }),
    credentialsFor: async () => null,
  };
}

/** The real clock, resolvers and (unless given) the environment's proxy settings. */
export function defaultDependencies(
  overrides: Partial<CheckDependencies> & { resolveProxy?: (url: string) => Promise<string> } = {},
): CheckDependencies {
  const { resolveProxy, ...rest } = overrides;
  return {
    router: systemRouter(resolveProxy),
    lookup: (hostname) => lookup(hostname, { all: true, verbatim: true }),
    createResolver: createNodeResolver,
    now: () => new Date(),
    perfNow: () => performance.now(),
    ...rest,
  };
}
