import type { Socket } from "node:net";
import type { CheckStep } from "../../../../shared/contract/connectivity.js";
import { endpointOf, type Hop } from "../../network/proxy-answer.js";
import { ProxyFailure } from "../../network/proxy-problems.js";
import type { RouteDecision } from "../../network/route-decision.js";
import { openTunnel } from "../../network/tunnel.js";
import { section } from "../sections.js";
import { roundMs } from "../time-budget.js";
import { type ConnectFailed, classifyConnectError, connectTcp } from "../transport.js";
import { bareHost, makeStep, portOf, type CheckDependencies, type CheckOptions } from "../types.js";

export interface TcpOutcome {
  step: CheckStep;
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
      step: makeStep("tcp", "fail", 0, `${options.url.hostname} did not resolve to any address.`, null),
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
      ? `${endpoint(attempt.address, port)}: ${failureText(attempt.failure, limitMs)} (${roundMs(attempt.ms)} ms)`
      : `${endpoint(attempt.address, port)}: connected (${roundMs(attempt.ms)} ms)`,
  );
  const failures = attempts.flatMap((attempt) => (attempt.failure ? [attempt.failure] : []));
  if (!chosen?.socket) {
    return {
      step: makeStep("tcp", "fail", took, lines.join("\n"), directHint(failures, port, options.url.hostname)),
      socket: null,
      connectMs: null,
      hop: null,
    };
  }
  if (failures.length > 0) {
    return {
      step: makeStep(
        "tcp",
        "warn",
        took,
        lines.join("\n"),
        `Some of the server's addresses cannot be reached; connections may fail at random. ${directHint(failures, port, options.url.hostname)}`,
      ),
      socket: chosen.socket,
      connectMs: chosen.ms,
      hop,
    };
  }
  return {
    step: makeStep("tcp", "pass", took, lines.join("\n")),
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
  const passed: string[] = [];
  let last: ProxyFailure | null = null;
  for (const hop of decision.hops) {
    const left = Math.max(1, limitMs - (deps.perfNow() - started));
    if (hop.kind === "direct") {
      const outcome = await direct(options, deps, left, addresses, { kind: "direct" });
      if (!last) return outcome;
      // A proxy could not be reached and the route allowed going direct (PAC's "PROXY a; DIRECT").
      const lines = [...passed, outcome.step.detail].join("\n");
      const why = `Going direct because ${last.seen[0]?.toLowerCase() ?? ""}${last.seen.slice(1)} ${last.hint}`;
      return {
        ...outcome,
        step: makeStep(
          "tcp",
          outcome.socket ? "warn" : "fail",
          deps.perfNow() - started,
          lines,
          outcome.socket ? why : `${outcome.step.hint ?? ""} ${why}`.trim(),
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
      passed.push(`The proxy ${shown} opened a tunnel to ${authority} (${roundMs(connectMs)} ms).`);
      return {
        step: makeStep(
          "tcp",
          last ? "warn" : "pass",
          deps.perfNow() - started,
          passed.join("\n"),
          last ? last.hint : null,
          last ? last.problem : undefined,
        ),
        socket,
        connectMs,
        hop,
      };
    } catch (error) {
      if (!(error instanceof ProxyFailure)) throw error;
      passed.push(`${error.seen} (${roundMs(deps.perfNow() - begun)} ms)`);
      last = error;
      if (!error.allowsFallback) break;
    }
  }
  return {
    step: makeStep(
      "tcp",
      "fail",
      deps.perfNow() - started,
      passed.join("\n"),
      last?.hint ?? null,
      last?.problem,
    ),
    socket: null,
    connectMs: null,
    hop: null,
  };
}

const endpoint = (address: string, port: number): string =>
  address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;

function failureText(failure: ConnectFailed, limitMs: number): string {
  switch (failure.problem) {
    case "refused":
      return "refused: nothing listens there";
    case "timeout":
      return `no answer within ${limitMs} ms: probably a firewall drops the traffic`;
    case "unreachable":
      return `no route to this address [${failure.code}]`;
    case "reset":
      return `the connection was reset [${failure.code}]`;
    default:
      return `${failure.message} [${failure.code}]`;
  }
}

function directHint(failures: ConnectFailed[], port: number, host: string): string {
  const problems = new Set(failures.map((failure) => failure.problem));
  if (problems.has("timeout") || problems.has("unreachable") || problems.has("reset")) {
    return `Packets to ${host} port ${port} seem to be dropped: ask for outbound TCP ${port} to the server's addresses to be allowed on your firewall (${section.firewall}); if this PC must use a proxy, configure it (${section.proxy}).`;
  }
  return `The address answered but nothing listens on port ${port}: the server is down, or the name resolves to the wrong address (${section.dns}); a firewall rejecting the connection looks the same (${section.firewall}).`;
}
