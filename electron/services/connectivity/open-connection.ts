import { isIP, type Socket } from "node:net";
import { endpointOf, type Hop } from "../network/proxy-answer.js";
import { openTunnel } from "../network/tunnel.js";
import { secureConnect } from "./steps/tls-step.js";
import { withTimeout } from "./time-budget.js";
import { connectTcp } from "./transport.js";
import { bareHost, portOf, type CheckDependencies } from "./types.js";

/**
 * A fresh, verified connection to any URL the way the check went (through
 * the proxy that worked, or direct); used for the hops of a redirect chain.
 */
export async function openConnection(
  url: URL,
  hop: Hop,
  caPem: string | null,
  deps: CheckDependencies,
  limitMs: number,
): Promise<Socket> {
  const started = deps.perfNow();
  const left = (): number => Math.max(1, limitMs - (deps.perfNow() - started));
  let socket: Socket;
  if (hop.kind === "proxy") {
    socket = await openTunnel({
      proxy: hop.proxy,
      credentials: hop.credentials ?? (await deps.router.credentialsFor(endpointOf(hop.proxy))),
      host: bareHost(url.hostname),
      port: portOf(url),
      timeoutMs: left(),
    });
  } else {
    socket = await connectTcp(await addressOf(bareHost(url.hostname), deps, left()), portOf(url), left());
  }
  return url.protocol === "https:" ? secureConnect(socket, url, caPem, left()) : socket;
}

async function addressOf(host: string, deps: CheckDependencies, limitMs: number): Promise<string> {
  if (isIP(host)) return host;
  const found = await withTimeout(deps.lookup(host), limitMs);
  const first = found[0];
  if (!first) throw new Error(`${host} has no address`);
  return first.address;
}
