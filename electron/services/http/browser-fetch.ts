import { AppError } from "../../../shared/errors.js";
import { endpointOf, parsePacAnswer, type ProxyCredentials } from "../network/proxy-answer.js";
import { proxyLoginProblem } from "../network/proxy-problems.js";
import type { BrowserNet, ProxyLogin } from "./browser-net.js";
import { chromiumErrorNameOf, chromiumProblem, meaningOf } from "./chromium-errors.js";

export type FetchFunction = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

export interface BrowserFetchOptions {
  net: BrowserNet;
  /** Credentials known for a proxy (`host:port`): this run's, or the keychain's. */
  credentialsFor(proxy: string): Promise<ProxyCredentials | null>;
}

/**
 * A `fetch` over the browser stack whose failures are the app's named problems: Chromium's errors
 * become AppErrors by the table of `chromium-errors.ts`, a proxy's 407 becomes PROXY_AUTH_REQUIRED
 * (or PROXY_AUTH_FAILED once credentials were given), naming the proxy so the app can ask for them.
 * A proxy's challenge is answered once per request with the credentials the app knows; asked again,
 * the same request is told no, so wrong credentials fail instead of being offered in a loop.
 * An aborted request rejects with the signal's reason, for the caller to name (a time limit, say).
 */
export function browserFetch(options: BrowserFetchOptions): FetchFunction {
  return async (input, init) => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const origin = new URL(request.url).origin;
    const asked = new Map<string, { scheme: string; sent: boolean }>();
    const login: ProxyLogin = async (challenge) => {
      if (!challenge.isProxy) return null;
      const proxy = `${challenge.host}:${challenge.port}`;
      if (asked.has(proxy)) return null;
      const credentials = await options.credentialsFor(proxy).catch(() => null);
      asked.set(proxy, { scheme: challenge.scheme, sent: credentials !== null });
      return credentials;
    };
    const loginProblem = async () => {
      const [proxy, seen] = [...asked.entries()].at(-1) ?? [await proxiesFor(options.net, request.url), null];
      return proxyLoginProblem(proxy ?? "of this computer", seen?.scheme ?? null, seen?.sent ?? false);
    };
    let response: Response;
    try {
      response = await options.net.fetch(request, login);
    } catch (error) {
      if (request.signal.aborted) throw error;
      const name = chromiumErrorNameOf(error);
      if (name === null) {
        throw new AppError("SERVER_UNREACHABLE", `Cannot talk to the server at ${origin}: ${String(error)}`);
      }
      if (name === "ERR_PROXY_AUTH_REQUESTED") throw await loginProblem();
      const proxyKind = meaningOf(name).code.startsWith("PROXY_");
      throw chromiumProblem(name, {
        server: origin,
        proxy: proxyKind ? await proxiesFor(options.net, request.url) : null,
      });
    }
    if (response.status === 407) {
      await response.body?.cancel().catch(() => {});
      throw await loginProblem();
    }
    return response;
  };
}

/** The proxies (`host:port`, comma-separated) Chromium's route names for a URL, or null when it goes direct. */
async function proxiesFor(net: BrowserNet, url: string): Promise<string | null> {
  try {
    const { hops } = parsePacAnswer(await net.resolveProxy(url));
    const proxies = hops.flatMap((hop) => (hop.kind === "proxy" ? [endpointOf(hop.proxy)] : []));
    return proxies.length > 0 ? proxies.join(", ") : null;
  } catch {
    return null;
  }
}
