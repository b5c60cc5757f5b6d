import { browserFetch } from "../services/http/browser-fetch.js";
import type { BrowserProbe } from "../services/connectivity/steps/browser-step.js";
import type { ProxyCredentials } from "../services/network/proxy-answer.js";
import type { BrowserRoute } from "./context.js";

// What the Electron shell needs to build the route (it may import the host, not the services).
export type { BrowserNet, ProxyLogin } from "../services/http/browser-net.js";
export { PrivateCaTrust } from "../services/http/private-ca-trust.js";

/** The connectivity check's view of the desktop app's browser stack: the sign-in's fetch, route and trust. */
export function browserProbe(
  route: BrowserRoute,
  credentialsFor: (proxy: string) => Promise<ProxyCredentials | null>,
): BrowserProbe {
  return {
    fetch: browserFetch({ net: route.net, credentialsFor }),
    route: (url) => route.net.resolveProxy(url),
    trust: (host, caPem) => route.trust.trust(host, caPem),
  };
}
