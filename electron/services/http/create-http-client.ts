import https from "node:https";
import axios, { type AxiosInstance } from "axios";
import { defaultTrust } from "./trust-store.js";
import { RouteAgent, type Router } from "../network/route-agent.js";

export interface HttpClientOptions {
  /** Base URL of the server, for example `https://127.0.0.1:8443`. */
  baseURL: string;
  /** PEM of the CA to trust for this server; without it `defaultTrust()`: Node's roots and, on Node 22.15+, the system's. */
  caPem?: string | undefined;
  /** Per-request timeout (connect + answer). */
  timeoutMs?: number | undefined;
  /** The route decision (proxy or direct) for each new connection; without it, always direct. */
  router?: Router | undefined;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * An axios instance for one server. A private CA is trusted by adding it to
 * the agent's `ca` list; certificate checking always stays on. Every status is
 * resolved (no throw on 4xx/5xx) so callers decide how to read the body.
 */
export function createHttpClient(options: HttpClientOptions): AxiosInstance {
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const ca = options.caPem ?? defaultTrust();
  const agentOptions: https.AgentOptions = {
    keepAlive: true,
    maxSockets: 8,
    ...(ca === undefined ? {} : { ca }),
  };
  // The route (and any proxy tunnel) is the agent's business; axios' own proxy handling stays off.
  // A proxy gets three quarters of the request's time to open its tunnel, so that a silent proxy is
  // named as such before the request itself runs out of time.
  const agent = options.router
    ? new RouteAgent({ ...agentOptions, router: options.router, tunnelTimeoutMs: Math.ceil(timeout * 0.75) })
    : new https.Agent(agentOptions);
  return axios.create({
    baseURL: options.baseURL,
    httpsAgent: agent,
    timeout,
    proxy: false,
    maxRedirects: 0,
    validateStatus: () => true,
    transitional: { clarifyTimeoutError: true },
    headers: { Accept: "application/json" },
  });
}

/**
 * Closes the keep-alive sockets of a client made by `createHttpClient`; the client stays usable,
 * and its next request connects afresh (so a changed route or proxy takes effect).
 */
export function destroyHttpClient(client: AxiosInstance): void {
  const agent: unknown = client.defaults.httpsAgent;
  if (agent instanceof https.Agent) agent.destroy();
  closers.get(client)?.();
}

const closers = new WeakMap<AxiosInstance, () => void>();

/** What `destroyHttpClient` also does for a client (a client over another stack lets go of what it holds). */
export function onDestroyHttpClient(client: AxiosInstance, close: () => void): void {
  closers.set(client, close);
}
