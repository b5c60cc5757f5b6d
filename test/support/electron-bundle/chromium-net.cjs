/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS: loaded by the stand-in `electron` modules */
// Chromium's network stack as Electron's API shows it to the main process (`net.request` with its
// `login` and `redirect` events, `net.fetch`, a session's `setProxy`, `resolveProxy`,
// `setCertificateVerifyProc`, `closeAllConnections` and `clearAuthCache`), played on Node's own
// `net`, `tls` and `http` modules, for the stand-in `electron` modules. It follows Electron's and
// Chromium's documented behaviour where the app's code depends on it: a PAC-form route tried entry by
// entry (a proxy that cannot be reached gives way to the next; loopback is never proxied), HTTP
// CONNECT tunnels, Basic proxy credentials asked through the request's `login` event and cached per
// session, the certificate verified against the system's roots (here Node's) and then handed to the
// verify procedure, and failures reported as `net::ERR_*`. Chromium's own NTLM, Negotiate and
// Kerberos, WPAD and PAC scripts are not played: a proxy asking only for those fails with
// ERR_PROXY_AUTH_UNSUPPORTED here, where Edge would use the Windows account.
const http = require("node:http");
const { EventEmitter } = require("node:events");
const { Readable } = require("node:stream");
const { bare, parsePac, resolveWith } = require("./chromium-route.cjs");
const {
  AuthCancelled,
  NetError,
  connectTcp,
  errorNumbers,
  secure,
  socketError,
  tunnel,
} = require("./chromium-connection.cjs");

/** The session: its proxy configuration, verify procedure, proxy credentials cache and open sockets. */
function createSession({ systemProxy, hosts }) {
  const state = {
    config: { mode: "system" },
    verifyProc: null,
    authCache: new Map(),
    sockets: new Set(),
    hosts,
  };
  const resolveProxy = (url) => resolveWith(state.config, url, systemProxy);
  state.resolveProxy = resolveProxy;
  const session = {
    setProxy: async (config) => {
      state.config = { ...config, mode: config.mode ?? (config.pacScript ? "pac_script" : "fixed_servers") };
    },
    resolveProxy,
    setCertificateVerifyProc: (proc) => {
      state.verifyProc = proc;
    },
    closeAllConnections: async () => {
      for (const socket of state.sockets) socket.destroy();
    },
    clearAuthCache: async () => {
      state.authCache.clear();
    },
    fetch: (input, init) => fetchWith(session, input, init),
  };
  Object.defineProperty(session, "standInState", { value: state });
  return session;
}

/** Electron's ClientRequest (`net.request`): a request through its session's route and trust. */
class ClientRequest extends EventEmitter {
  constructor(options, defaultSession) {
    super();
    const given = typeof options === "string" ? { url: options } : options;
    this.url = new URL(given.url);
    this.method = (given.method ?? "GET").toUpperCase();
    this.session = given.session ?? defaultSession;
    this.redirectPolicy = given.redirect ?? "follow";
    this.headers = new Map(
      Object.entries(given.headers ?? {}).map(([name, value]) => [name.toLowerCase(), [name, value]]),
    );
    this.chunks = [];
    this.aborted = false;
    this.current = null;
  }

  setHeader(name, value) {
    this.headers.set(name.toLowerCase(), [name, value]);
  }

  getHeader(name) {
    return this.headers.get(name.toLowerCase())?.[1];
  }

  removeHeader(name) {
    this.headers.delete(name.toLowerCase());
  }

  write(chunk) {
    this.chunks.push(Buffer.from(chunk));
    return true;
  }

  end(chunk) {
    if (chunk !== undefined && chunk !== null) this.write(chunk);
    this.emit("finish");
    setImmediate(() => this.start());
    return this;
  }

  abort() {
    if (this.aborted) return;
    this.aborted = true;
    this.current?.destroy();
    this.emit("abort");
    this.emit("close");
  }

  followRedirect() {
    if (!this.followRedirectCb)
      throw new Error("followRedirect() called, but was not waiting for a redirect");
    this.followRedirectCb();
  }

  async start() {
    try {
      await this.run();
    } catch (error) {
      if (this.aborted) return;
      this.emit("error", error instanceof Error ? new Error(error.message) : new Error(String(error)));
      this.emit("close");
    }
  }

  /** The request's `login` event; no listener, or an empty answer, cancels (as Electron does). */
  askLogin(authInfo) {
    return new Promise((resolve) => {
      const answered = this.emit("login", authInfo, (username, password) =>
        resolve(username === undefined || password === undefined ? null : { username, password }),
      );
      if (!answered) resolve(null);
    });
  }

  async run() {
    const state = this.session.standInState;
    let url = this.url;
    let method = this.method;
    let body = Buffer.concat(this.chunks);
    for (let redirects = 0; ; redirects += 1) {
      if (redirects > 20) throw new NetError("ERR_TOO_MANY_REDIRECTS");
      const response = await this.exchange(state, url, method, body);
      if (this.aborted) {
        response.destroy();
        return;
      }
      const location = response.headers.location;
      if (response.statusCode >= 300 && response.statusCode < 400 && location) {
        const next = new URL(location, url);
        const nextMethod =
          response.statusCode === 303 || (response.statusCode <= 302 && method === "POST") ? "GET" : method;
        response.resume();
        if (this.redirectPolicy === "error")
          throw new Error("Attempted to redirect, but redirect policy was 'error'");
        let follow = this.redirectPolicy === "follow";
        this.followRedirectCb = () => (follow = true);
        try {
          const headers = Object.fromEntries(
            Object.entries(response.headers).map(([name, value]) => [name, [].concat(value)]),
          );
          this.emit("redirect", response.statusCode, nextMethod, next.href, headers);
        } finally {
          this.followRedirectCb = undefined;
        }
        if (!follow) throw new Error("Redirect was cancelled");
        if (nextMethod !== method) body = Buffer.alloc(0);
        url = next;
        method = nextMethod;
        continue;
      }
      this.emit("response", response);
      response.once("end", () => setImmediate(() => this.emit("close")));
      return;
    }
  }

  /** One exchange: the route, the tunnel, TLS and the HTTP request; the answer (an IncomingMessage). */
  async exchange(state, url, method, body) {
    const host = bare(url.hostname);
    const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
    const hops = parsePac(await state.resolveProxy(url.href));
    let socket = null;
    let viaProxy = null;
    for (const hop of hops) {
      if (hop.kind === "direct") {
        socket = await connectTcp(state, host, port).catch((error) =>
          Promise.reject(socketError(error, false)),
        );
        break;
      }
      let first;
      try {
        first = await connectTcp(state, hop.host, hop.port);
      } catch {
        continue;
      }
      viaProxy = hop;
      try {
        socket =
          url.protocol === "https:"
            ? await tunnel(state, first, hop, url, (info) => this.askLogin(info))
            : first;
      } catch (error) {
        if (error instanceof AuthCancelled) return cancelledAnswer(error.head);
        throw socketError(error, true);
      }
      break;
    }
    if (!socket) throw new NetError("ERR_PROXY_CONNECTION_FAILED");
    const connection = url.protocol === "https:" ? await secure(state, socket, host) : socket;
    this.current = connection;
    const headers = Object.fromEntries([...this.headers.values()]);
    headers.Host = url.host;
    if (body.length > 0) headers["Content-Length"] = String(body.length);
    const plainViaProxy = viaProxy !== null && url.protocol === "http:";
    return new Promise((resolve, reject) => {
      const outgoing = http.request({
        method,
        host,
        port,
        path: plainViaProxy ? url.href : `${url.pathname}${url.search}`,
        headers,
        createConnection: () => connection,
      });
      outgoing.once("response", resolve);
      outgoing.once("error", (error) => reject(socketError(error, false)));
      outgoing.end(body.length > 0 ? body : undefined);
    });
  }
}

/** The 407 a cancelled proxy challenge leaves the request with (no body: Chromium never shows a proxy's). */
function cancelledAnswer(head) {
  const answer = Readable.from([]);
  answer.statusCode = head.status;
  answer.statusMessage = head.statusText;
  answer.headers = head.headers;
  return answer;
}

/** Electron's `net.fetch`/`session.fetch`: a ClientRequest with no `login` listener (challenges cancelled). */
function fetchWith(session, input, init) {
  const request = new Request(input, init);
  return new Promise((resolve, reject) => {
    if (request.signal.aborted) {
      reject(request.signal.reason);
      return;
    }
    const outgoing = new ClientRequest(
      { url: request.url, method: request.method, session, redirect: request.redirect },
      session,
    );
    for (const [name, value] of request.headers) outgoing.setHeader(name, value);
    request.signal.addEventListener("abort", () => {
      outgoing.abort();
      reject(request.signal.reason);
    });
    outgoing.on("response", (incoming) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers))
        headers.set(name, [].concat(value).join(", "));
      const empty = [101, 204, 205, 304].includes(incoming.statusCode) || request.method === "HEAD";
      resolve(
        new Response(empty ? null : Readable.toWeb(incoming), {
          status: incoming.statusCode,
          statusText: incoming.statusMessage,
          headers,
        }),
      );
    });
    outgoing.on("error", reject);
    request
      .arrayBuffer()
      .then((bytes) => outgoing.end(bytes.byteLength ? Buffer.from(bytes) : undefined), reject);
  });
}

/**
 * A stand-in for Electron's `net` module and default session. `systemProxy(url)` is "this computer's
 * proxy settings" in PAC form (what `session.resolveProxy` answers in `system` mode); `hosts()` is
 * this computer's hosts file (names to addresses), looked at before its resolver.
 */
function createChromiumNet({ systemProxy, hosts = () => ({}) }) {
  const defaultSession = createSession({ systemProxy, hosts });
  return {
    defaultSession,
    net: {
      request: (options) => new ClientRequest(options, defaultSession),
      fetch: (input, init) => fetchWith(defaultSession, input, init),
    },
  };
}

/** Back to a fresh session: the system's proxy settings, no verify procedure, no cached credentials. */
function resetSession(session) {
  const state = session.standInState;
  state.config = { mode: "system" };
  state.verifyProc = null;
  state.authCache.clear();
  for (const socket of state.sockets) socket.destroy();
}

module.exports = { createChromiumNet, resetSession, errorNumbers };
