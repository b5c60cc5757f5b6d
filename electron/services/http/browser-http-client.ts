import axios, { type AxiosInstance } from "axios";
import type { ProxyCredentials } from "../network/proxy-answer.js";
import { browserFetch } from "./browser-fetch.js";
import type { BrowserNet } from "./browser-net.js";
import { DEFAULT_TIMEOUT_MS, onDestroyHttpClient } from "./create-http-client.js";
import type { PrivateCaTrust } from "./private-ca-trust.js";

export interface BrowserHttpClientOptions {
  /** Base URL of the server, for example `https://127.0.0.1:8443`. */
  baseURL: string;
  net: BrowserNet;
  /** Credentials known for a proxy (`host:port`), for a proxy's challenge. */
  credentialsFor(proxy: string): Promise<ProxyCredentials | null>;
  /** The server's private CA (the built-in simulator's, a CA file), trusted for the server's host only. */
  privateCa?: { trust: PrivateCaTrust; pem: string } | undefined;
  timeoutMs?: number | undefined;
}

/**
 * An axios instance for one server over the desktop app's browser stack (Chromium's, on the app's
 * session): axios' fetch adapter with a fetch of ours. Same interface as `createHttpClient`: every
 * status resolved, no redirects followed, the time limit named by axios (SERVER_TIMEOUT).
 * `destroyHttpClient` lets go of the private CA's trust; a later request takes it again.
 */
export function createBrowserHttpClient(options: BrowserHttpClientOptions): AxiosInstance {
  const host = new URL(options.baseURL).hostname;
  let release: (() => void) | null = null;
  const holdTrust = () => {
    if (options.privateCa && release === null)
      release = options.privateCa.trust.trust(host, options.privateCa.pem);
  };
  holdTrust();
  const fetch = browserFetch({ net: options.net, credentialsFor: options.credentialsFor });
  const client = axios.create({
    baseURL: options.baseURL,
    adapter: "fetch",
    env: {
      fetch: (input: Request | string | URL, init?: RequestInit) => {
        holdTrust();
        return fetch(input, init);
      },
    },
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRedirects: 0,
    validateStatus: () => true,
    transitional: { clarifyTimeoutError: true },
    headers: { Accept: "application/json" },
  });
  onDestroyHttpClient(client, () => {
    release?.();
    release = null;
  });
  return client;
}
