import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { net, type IncomingMessage, type Session } from "electron";
import type { ProxySetting } from "../../shared/contract/network.js";
import { PrivateCaTrust, type BrowserNet, type ProxyLogin } from "../host/browser-stack.js";
import type { BrowserRoute } from "../host/context.js";

/**
 * The desktop app's route to every 2FA server: Chromium's network stack on `session` (the app's),
 * as Microsoft Edge reaches a server. Requests go through `net.request`, whose `login` event hands
 * a proxy's challenge to the app (`net.fetch` answers none from the main process), so that Basic
 * credentials come from the app's dialog and the keychain while NTLM, Negotiate and Kerberos use
 * the Windows account without asking. The session's certificate verify procedure trusts each
 * private CA for its own host only; every other certificate gets Chromium's verdict.
 */
export function browserRoute(session: Session): BrowserRoute {
  const trust = new PrivateCaTrust();
  // Reviewed: the procedure only adds a private CA for its own host; everything else is Chromium's verdict (-3).
  session.setCertificateVerifyProc((request, callback) => callback(trust.verdict(request))); // eng-disable CERTIFICATE_VERIFY_PROC_JS_CHECK
  // A request waits for the last change of proxy setting to be in place.
  let applied: Promise<void> = Promise.resolve();
  const net: BrowserNet = {
    fetch: async (request, login) => {
      await applied;
      return exchange(session, request, login);
    },
    resolveProxy: (url) => session.resolveProxy(url),
  };
  return {
    net,
    trust,
    applyNetwork: (setting) => {
      applied = applied.then(async () => {
        await session.setProxy(proxyConfigOf(setting));
        await session.closeAllConnections();
        await session.clearAuthCache();
      });
      return applied;
    },
  };
}

/** The app's proxy setting as Chromium's proxy configuration. */
export function proxyConfigOf(setting: ProxySetting): Electron.ProxyConfig {
  switch (setting.mode) {
    case "system":
      return { mode: "system" };
    case "none":
      return { mode: "direct" };
    case "manual":
      return { mode: "fixed_servers", proxyRules: new URL(setting.proxy).origin };
  }
}

/** One request through `net.request` on the session, answered as `fetch` answers. */
async function exchange(session: Session, request: Request, login: ProxyLogin): Promise<Response> {
  const body = request.body ? Buffer.from(await request.arrayBuffer()) : null;
  return new Promise<Response>((resolve, reject) => {
    const signal = request.signal;
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const manual = request.redirect !== "follow";
    const outgoing = net.request({
      method: request.method,
      url: request.url,
      session,
      redirect: request.redirect === "error" ? "error" : manual ? "manual" : "follow",
      useSessionCookies: false,
    });
    let settled = false;
    const settle = (run: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      run();
    };
    const onAbort = () => {
      outgoing.abort();
      settle(() => reject(signal.reason));
    };
    signal.addEventListener("abort", onAbort, { once: true });
    for (const [name, value] of request.headers) outgoing.setHeader(name, value);
    outgoing.on("login", (authInfo, callback) => {
      login(authInfo).then(
        (credentials) => (credentials ? callback(credentials.username, credentials.password) : callback()),
        () => callback(),
      );
    });
    outgoing.on("redirect", (status, _method, redirectUrl, responseHeaders) => {
      if (!manual) return;
      // A redirect comes back as the 3xx answer itself; not followed, the request ends here.
      const headers = new Headers();
      for (const [name, values] of Object.entries(responseHeaders)) headers.set(name, values.join(", "));
      headers.set("location", redirectUrl);
      settle(() => resolve(new Response(null, { status, headers })));
    });
    outgoing.on("response", (incoming) => settle(() => resolve(responseOf(incoming, request.method))));
    outgoing.on("error", (error: Error) => settle(() => reject(error)));
    outgoing.end(body ?? undefined);
  });
}

function responseOf(incoming: IncomingMessage, method: string): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const empty = [101, 204, 205, 304].includes(incoming.statusCode) || method === "HEAD";
  const stream = empty
    ? null
    : (Readable.toWeb(incoming as unknown as Readable) as unknown as WebReadableStream & ReadableStream);
  return new Response(stream, { status: incoming.statusCode, statusText: incoming.statusMessage, headers });
}
