import type { Socket } from "node:net";
import { say, type CheckMessage } from "../../../../shared/check-text/check-message.js";
import { endpointOf, type Hop } from "../../network/proxy-answer.js";
import { ProxyFailure } from "../../network/proxy-problems.js";
import type { RouteDecision } from "../../network/route-decision.js";
import { openTunnel } from "../../network/tunnel.js";
import { section } from "../sections.js";
import { roundMs } from "../time-budget.js";
import { type ConnectFailed, classifyConnectError, connectTcp } from "../transport.js";
import {
  bareHost,
  makeStep,
  portOf,
  type CheckDependencies,
  type CheckOptions,
  type MadeStep,
} from "../types.js";

export interface TcpOutcome {
  step: MadeStep;
  /** A connection to the target (direct, or a tunnel through the proxy), ready for TLS; null on failure. */
  socket: Socket | null;
  connectMs: number | null;
  /** The way that worked, for later connections (redirects); null on failure. */
  hop: Hop | null;
}

const MAX_ADDRESSES = 8;

/**
 * Step 3: along the route, hop by hop: a CONNECT tunnel through each proxy (one
 * that cannot be reached gives way to the next), or TCP to each resolved
 * address at the same time.
 */
export async function tcpStep(
  options: CheckOptions,
  deps: CheckDependencies,
  limitMs: number,
  decision: RouteDecision,
  addresses: string[],
): Promise<TcpOutcome> {
  return viaRoute(options, deps, limitMs, decision, addresses);
}

async function direct(
  options: CheckOptions,
  deps: CheckDependencies,
  limitMs: number,
  addresses: string[],
  hop: Hop,
): Promise<TcpOutcome> {
  const port = portOf(options.url);
  if (addresses.length === 0) {
    return {
      step: makeStep("tcp", "fail", 0, [say("tcp.noAddress", { host: options.url.hostname })]),
      socket: null,
      connectMs: null,
      hop: null,
    };
  }
  const targets = addresses.slice(0, MAX_ADDRESSES);
  const started = deps.perfNow();
  const attempts = await Promise.all(
    targets.map(async (address) => {
      const begun = deps.perfNow();
      try {
        const socket = await connectTcp(address, port, limitMs);
        return { address, socket, ms: deps.perfNow() - begun, failure: null };
      } catch (error) {
        return { address, socket: null, ms: deps.perfNow() - begun, failure: classifyConnectError(error) };
      }
    }),
  );
  const took = deps.perfNow() - started;
  const chosen = attempts.find((attempt) => attempt.socket !== null);
  for (const attempt of attempts) if (attempt !== chosen) attempt.socket?.destroy();
  const lines = attempts.map((attempt) =>
    attempt.failure
      ? say("tcp.failed", {
          endpoint: endpoint(attempt.address, port),
          why: failureText(attempt.failure, limitMs),
          ms: roundMs(attempt.ms),
        })
      : say("tcp.connected", { endpoint: endpoint(attempt.address, port), ms: roundMs(attempt.ms) }),
  );
  const failures = attempts.flatMap((attempt) => (attempt.failure ? [attempt.failure] : []));
  if (!chosen?.socket) {
    return {
      step: makeStep("tcp", "fail", took, lines, [directHint(failures, port, options.url.hostname)]),
      socket: null,
      connectMs: null,
      hop: null,
    };
  }
  if (failures.length > 0) {
    return {
      step: makeStep("tcp", "warn", took, lines, [
        say("tcp.someUnreachable"),
        directHint(failures, port, options.url.hostname),
      ]),
      socket: chosen.socket,
      connectMs: chosen.ms,
      hop,
    };
  }
  return {
    step: makeStep("tcp", "pass", took, lines),
    socket: chosen.socket,
    connectMs: chosen.ms,
    hop,
  };
}

async function viaRoute(
  options: CheckOptions,
  deps: CheckDependencies,
  limitMs: number,
  decision: RouteDecision,
  addresses: string[],
): Promise<TcpOutcome> {
  const started = deps.perfNow();
  const host = bareHost(options.url.hostname);
  const port = portOf(options.url);
  const authority = `${options.url.hostname}:${port}`;
  const passed: CheckMessage[] = [];
  let last: ProxyFailure | null = null;
  for (const hop of decision.hops) {
    const left = Math.max(1, limitMs - (deps.perfNow() - started));
    if (hop.kind === "direct") {
      const outcome = await direct(options, deps, left, addresses, { kind: "direct" });
      if (!last) return outcome;
      // A proxy could not be reached and the route allowed going direct (PAC's "PROXY a; DIRECT").
      const why = [say("tcp.goingDirect", { seen: last.says }), ...last.advice];
      return {
        ...outcome,
        step: makeStep(
          "tcp",
          outcome.socket ? "warn" : "fail",
          deps.perfNow() - started,
          [...passed, ...outcome.step.lines],
          outcome.socket ? why : [...outcome.step.advice, ...why],
          outcome.socket ? last.problem : undefined,
        ),
      };
    }
    const shown = endpointOf(hop.proxy);
    const begun = deps.perfNow();
    try {
      const socket = await openTunnel({
        proxy: hop.proxy,
        credentials: hop.credentials ?? (await deps.router.credentialsFor(shown)),
        host,
        port,
        timeoutMs: left,
      });
      const connectMs = deps.perfNow() - begun;
      passed.push(say("tcp.tunnelOpened", { proxy: shown, target: authority, ms: roundMs(connectMs) }));
      return {
        step: makeStep(
          "tcp",
          last ? "warn" : "pass",
          deps.perfNow() - started,
          passed,
          last ? last.advice : [],
          last ? last.problem : undefined,
        ),
        socket,
        connectMs,
        hop,
      };
    } catch (error) {
      if (!(error instanceof ProxyFailure)) throw error;
      passed.push(say("tcp.proxyFailed", { seen: error.says, ms: roundMs(deps.perfNow() - begun) }));
      last = error;
      if (!error.allowsFallback) break;
    }
  }
  return {
    step: makeStep("tcp", "fail", deps.perfNow() - started, passed, last?.advice ?? [], last?.problem),
    socket: null,
    connectMs: null,
    hop: null,
  };
}

const endpoint = (address: string, port: number): string =>
  address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;

function failureText(failure: ConnectFailed, limitMs: number): CheckMessage {
  switch (failure.problem) {
    case "refused":
      return say("tcp.refused");
    case "timeout":
      return say("tcp.timeout", { limitMs });
    case "unreachable":
      return say("tcp.unreachable", { code: failure.code });
    case "reset":
      return say("tcp.reset", { code: failure.code });
    default:
      return say("tcp.other", { error: failure.message, code: failure.code });
  }
}

function directHint(failures: ConnectFailed[], port: number, host: string): CheckMessage {
  const problems = new Set(failures.map((failure) => failure.problem));
  if (problems.has("timeout") || problems.has("unreachable") || problems.has("reset")) {
    return say("tcp.droppedAdvice", {
      host,
      port,
      firewallSection: section.firewall,
      proxySection: section.proxy,
    });
  }
  return say("tcp.closedAdvice", { port, dnsSection: section.dns, firewallSection: section.firewall });
}
