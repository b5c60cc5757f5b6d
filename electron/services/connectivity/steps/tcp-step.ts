import { isIP, type Socket } from "node:net";
import type { CheckStep } from "../../../../shared/contract/connectivity.js";
import { section } from "../sections.js";
import { roundMs, withTimeout } from "../time-budget.js";
import {
  type ConnectFailed,
  classifyConnectError,
  connectTcp,
  openTunnel,
  secureToProxy,
  TunnelRefused,
} from "../transport.js";
import {
  bareHost,
  makeStep,
  portOf,
  redactUrl,
  type CheckDependencies,
  type CheckOptions,
} from "../types.js";

export interface TcpOutcome {
  step: CheckStep;
  /** A connection to the target (direct, or a tunnel through the proxy), ready for TLS; null on failure. */
  socket: Socket | null;
  connectMs: number | null;
}

const MAX_ADDRESSES = 8;

/** Step 3: TCP to each resolved address, at the same time; or to the proxy and through it. */
export async function tcpStep(
  options: CheckOptions,
  deps: CheckDependencies,
  limitMs: number,
  proxy: URL | null,
  addresses: string[],
): Promise<TcpOutcome> {
  return proxy ? viaProxy(options, deps, limitMs, proxy) : direct(options, deps, limitMs, addresses);
}

async function direct(
  options: CheckOptions,
  deps: CheckDependencies,
  limitMs: number,
  addresses: string[],
): Promise<TcpOutcome> {
  const port = portOf(options.url);
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
    };
  }
  return {
    step: makeStep("tcp", "pass", took, lines.join("\n")),
    socket: chosen.socket,
    connectMs: chosen.ms,
  };
}

async function viaProxy(
  options: CheckOptions,
  deps: CheckDependencies,
  limitMs: number,
  proxy: URL,
): Promise<TcpOutcome> {
  const started = deps.perfNow();
  const proxyHost = bareHost(proxy.hostname);
  const proxyPort = portOf(proxy);
  const authority = `${options.url.hostname}:${portOf(options.url)}`;
  const shownProxy = redactUrl(proxy);
  let proxyAddress = proxyHost;
  if (!isIP(proxyHost)) {
    try {
      const found = await withTimeout(deps.lookup(proxyHost), limitMs);
      proxyAddress = found[0]?.address ?? proxyHost;
    } catch {
      return {
        step: makeStep(
          "tcp",
          "fail",
          deps.perfNow() - started,
          `The proxy's name ${proxyHost} cannot be resolved.`,
          `Check the proxy address in this PC's proxy settings (${section.proxy}) and its DNS (${section.dns}).`,
        ),
        socket: null,
        connectMs: null,
      };
    }
  }
  const open = async (limit: number): Promise<{ socket: Socket; connectMs: number }> => {
    const begun = deps.perfNow();
    let socket = await connectTcp(proxyAddress, proxyPort, limit);
    const connectMs = deps.perfNow() - begun;
    if (proxy.protocol === "https:") socket = await secureToProxy(socket, proxy, options.caPem, limit);
    return { socket: await openTunnel(socket, proxy, authority, limit), connectMs };
  };
  try {
    const { socket, connectMs } = await open(limitMs);
    return {
      step: makeStep(
        "tcp",
        "pass",
        deps.perfNow() - started,
        `Connected to the proxy ${shownProxy} (${endpoint(proxyAddress, proxyPort)}, ${roundMs(connectMs)} ms); it opened a tunnel to ${authority}.`,
      ),
      socket,
      connectMs,
    };
  } catch (error) {
    const took = deps.perfNow() - started;
    if (error instanceof TunnelRefused) {
      const auth = error.status === 407;
      return {
        step: makeStep(
          "tcp",
          "fail",
          took,
          `The proxy ${shownProxy} refused to open a tunnel to ${authority}: "${error.statusLine}"${error.authenticate ? ` (it asks for ${error.authenticate})` : ""}.`,
          auth
            ? `The proxy demands authentication (407). Give the proxy's user name and password in the proxy URL (--proxy http://user:password@host:port), or ask the network team to let this PC reach ${options.url.hostname} without authentication (${section.proxy}).`
            : `Ask the network team to allow CONNECT to ${authority} on the proxy (${section.proxy}).`,
        ),
        socket: null,
        connectMs: null,
      };
    }
    const failure = classifyConnectError(error);
    return {
      step: makeStep(
        "tcp",
        "fail",
        took,
        `The proxy ${shownProxy} (${endpoint(proxyAddress, proxyPort)}): ${failureText(failure, limitMs)}.`,
        `This PC cannot use the proxy. Check the proxy address and port (${section.proxy}) and that the firewall lets this PC reach it (${section.firewall}).`,
      ),
      socket: null,
      connectMs: null,
    };
  }
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
