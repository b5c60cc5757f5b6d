import { isIP, type Socket } from "node:net";
import { secureConnect } from "./steps/tls-step.js";
import { withTimeout } from "./time-budget.js";
import { connectTcp, openTunnel, secureToProxy } from "./transport.js";
import { bareHost, portOf, type CheckDependencies } from "./types.js";

/**
 * A fresh, verified connection to any URL the way the check goes (through
 * the proxy when there is one); used for the hops of a redirect chain.
 */
export async function openConnection(
  url: URL,
  proxy: URL | null,
  caPem: string | null,
  deps: CheckDependencies,
  limitMs: number,
): Promise<Socket> {
  const started = deps.perfNow();
  const left = (): number => Math.max(1, limitMs - (deps.perfNow() - started));
  let socket: Socket;
  if (proxy) {
    socket = await connectTcp(await addressOf(bareHost(proxy.hostname), deps, left()), portOf(proxy), left());
    if (proxy.protocol === "https:") socket = await secureToProxy(socket, proxy, caPem, left());
    socket = await openTunnel(socket, proxy, `${url.hostname}:${portOf(url)}`, left());
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
