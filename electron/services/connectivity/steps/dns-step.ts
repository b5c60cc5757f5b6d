import { isIP } from "node:net";
import { say, type CheckMessage } from "../../../../shared/check-text/check-message.js";
import type { DnsServerAddress } from "../../../../shared/contract/connectivity.js";
import { section } from "../sections.js";
import { roundMs, TimedOut, withTimeout } from "../time-budget.js";
import {
  bareHost,
  errorCode,
  makeStep,
  type CheckDependencies,
  type CheckOptions,
  type MadeStep,
} from "../types.js";

/** The system resolver, as a step names it. */
const systemResolver = say("dns.systemResolver");

export interface DnsAnswer {
  /** The system resolver, or a DNS server's `ip:port`. */
  source: string | CheckMessage;
  addresses: string[];
  /** Why there is no answer: "NXDOMAIN", "timeout", or another resolver code. */
  problem: string | null;
  ms: number;
}

export interface DnsOutcome {
  step: MadeStep;
  /** Addresses to try, the system's first; empty when nothing resolved. */
  addresses: string[];
  /** The system resolver's time. */
  systemMs: number | null;
}

const serverLabel = (server: DnsServerAddress): string =>
  server.host.includes(":") ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;

/** Step 2: the system resolver and each given DNS server, asked at the same time. */
export async function dnsStep(
  options: CheckOptions,
  deps: CheckDependencies,
  limitMs: number,
  proxyDecided: Promise<boolean>,
): Promise<DnsOutcome> {
  const started = deps.perfNow();
  const host = bareHost(options.url.hostname);
  if (isIP(host)) {
    return {
      step: makeStep("dns", "pass", 0, [say("dns.ipAddress", { host })]),
      addresses: [host],
      systemMs: 0,
    };
  }
  const answers = await Promise.all([
    askSystem(host, deps, limitMs),
    ...options.dnsServers.map((server) => askServer(host, server, deps, limitMs)),
  ]);
  const took = deps.perfNow() - started;
  const viaProxy = await proxyDecided;
  const system = answers[0] as DnsAnswer;
  const lines = answers.map(describe);
  const failed = answers.filter((answer) => answer.problem !== null);
  const addresses = unique(answers.flatMap((answer) => answer.addresses));
  const systemMs = system.problem === null ? system.ms : null;

  const onlySystemFailedBehindProxy = viaProxy && failed.length === 1 && failed[0] === system;
  if (failed.length > 0 && !onlySystemFailedBehindProxy) {
    const sources = {
      list: failed.map((answer) =>
        say("dns.sourceProblem", { source: answer.source, problem: problemText(answer.problem) }),
      ),
    };
    const hint = failed.some((answer) => answer.problem === "NXDOMAIN")
      ? say("dns.nxdomainAdvice", { host, sources, section: section.dns })
      : say("dns.noAnswerAdvice", {
          host,
          sources,
          dnsSection: section.dns,
          firewallSection: section.firewall,
        });
    return { step: makeStep("dns", "fail", took, lines, [hint]), addresses, systemMs };
  }
  if (onlySystemFailedBehindProxy) {
    return {
      step: makeStep(
        "dns",
        "warn",
        took,
        [...lines, say("dns.proxyResolves")],
        [say("dns.proxyResolvesAdvice", { host, proxySection: section.proxy, dnsSection: section.dns })],
      ),
      addresses,
      systemMs,
    };
  }
  const differing = answers.filter((answer) => !sameAnswer(answer.addresses, system.addresses));
  if (differing.length > 0) {
    return {
      step: makeStep("dns", "warn", took, lines, [
        say("dns.differentAdvice", {
          host,
          sources: { list: differing.map((answer) => answer.source) },
          section: section.dns,
        }),
      ]),
      addresses,
      systemMs,
    };
  }
  return { step: makeStep("dns", "pass", took, lines), addresses, systemMs };
}

async function askSystem(host: string, deps: CheckDependencies, limitMs: number): Promise<DnsAnswer> {
  const started = deps.perfNow();
  try {
    const found = await withTimeout(deps.lookup(host), limitMs);
    return {
      source: systemResolver,
      addresses: found.map((entry) => entry.address),
      problem: null,
      ms: deps.perfNow() - started,
    };
  } catch (error) {
    return {
      source: systemResolver,
      addresses: [],
      problem: problemOf(error),
      ms: deps.perfNow() - started,
    };
  }
}

async function askServer(
  host: string,
  server: DnsServerAddress,
  deps: CheckDependencies,
  limitMs: number,
): Promise<DnsAnswer> {
  const source = serverLabel(server);
  const started = deps.perfNow();
  const resolver = deps.createResolver([source], limitMs);
  const settle = (work: Promise<string[]>): Promise<string[] | Error> =>
    work.then(
      (found) => found,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
  try {
    const [v4, v6] = await withTimeout(
      Promise.all([settle(resolver.resolve4(host)), settle(resolver.resolve6(host))]),
      limitMs,
      () => resolver.cancel(),
    );
    const ms = deps.perfNow() - started;
    const addresses = [...(Array.isArray(v4) ? v4 : []), ...(Array.isArray(v6) ? v6 : [])];
    if (addresses.length > 0) return { source, addresses, problem: null, ms };
    const codes = [v4, v6].map((result) => (Array.isArray(result) ? "ENODATA" : errorCode(result)));
    const worst = codes.find((code) => code !== "ENODATA") ?? "ENODATA";
    return { source, addresses: [], problem: problemOf({ code: worst }), ms };
  } catch (error) {
    return { source, addresses: [], problem: problemOf(error), ms: deps.perfNow() - started };
  }
}

function problemOf(error: unknown): string {
  if (error instanceof TimedOut) return "timeout";
  const code = errorCode(error);
  if (code === "ENOTFOUND") return "NXDOMAIN";
  if (code === "ETIMEOUT" || code === "ECANCELLED" || code === "EAI_AGAIN") return "timeout";
  return code || "error";
}

/** A resolver's failure as the step says it: a sentence for the common ones, else its code. */
function problemText(problem: string | null): CheckMessage | string {
  switch (problem) {
    case "NXDOMAIN":
      return say("dns.nxdomain");
    case "timeout":
      return say("dns.timeout");
    case "ENODATA":
      return say("dns.nodata");
    case "ECONNREFUSED":
      return say("dns.refused");
    default:
      return problem ?? "";
  }
}

function describe(answer: DnsAnswer): CheckMessage {
  const ms = roundMs(answer.ms);
  return answer.problem === null
    ? say("dns.answer", { source: answer.source, addresses: { list: answer.addresses }, ms })
    : say("dns.noAnswer", {
        source: answer.source,
        problem: problemText(answer.problem),
        code: answer.problem,
        ms,
      });
}

const unique = (items: string[]): string[] => [...new Set(items)];
const sameSet = (a: string[], b: string[]): boolean => {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((item) => right.has(item));
};

/**
 * Two answers agree when, for each address family both gave, they gave the same
 * set (getaddrinfo may leave out IPv6 where a DNS server lists it).
 */
function sameAnswer(a: string[], b: string[]): boolean {
  let compared = false;
  for (const family of [4, 6]) {
    const left = a.filter((address) => isIP(address) === family);
    const right = b.filter((address) => isIP(address) === family);
    if (left.length === 0 || right.length === 0) continue;
    compared = true;
    if (!sameSet(left, right)) return false;
  }
  return compared;
}
