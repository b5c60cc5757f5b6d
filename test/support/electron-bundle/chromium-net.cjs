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
const net = require("node:net");
const tls = require("node:tls");
const { EventEmitter } = require("node:events");
const { Readable } = require("node:stream");

/** Chromium's error numbers (net/base/net_error_list.h) for the errors played here. */
const errorNumbers = {
  ERR_FAILED: -2,
  ERR_ABORTED: -3,
  ERR_CONNECTION_CLOSED: -100,
  ERR_CONNECTION_RESET: -101,
  ERR_CONNECTION_REFUSED: -102,
  ERR_CONNECTION_FAILED: -104,
  ERR_NAME_NOT_RESOLVED: -105,
  ERR_SSL_PROTOCOL_ERROR: -107,
  ERR_ADDRESS_UNREACHABLE: -109,
  ERR_TUNNEL_CONNECTION_FAILED: -111,
  ERR_PROXY_AUTH_UNSUPPORTED: -115,
  ERR_CONNECTION_TIMED_OUT: -118,
  ERR_PROXY_CONNECTION_FAILED: -130,
  ERR_CERT_COMMON_NAME_INVALID: -200,
  ERR_CERT_DATE_INVALID: -201,
  ERR_CERT_AUTHORITY_INVALID: -202,
  ERR_CERT_INVALID: -207,
  ERR_TOO_MANY_REDIRECTS: -310,
  ERR_EMPTY_RESPONSE: -324,
};
const errorNames = new Map(Object.entries(errorNumbers).map(([name, number]) => [number, name]));

/** A failure as Chromium names it; Electron hands it on as `new Error("net::ERR_…")`. */
class NetError extends Error {
  constructor(name) {
    super(`net::${name}`);
    this.netName = name;
  }
}

/** A proxy's 407 whose challenge the app did not answer: the request gets the 407 itself. */
class AuthCancelled extends Error {
  constructor(head) {
    super("proxy authentication cancelled");
    this.head = head;
  }
}

const bare = (host) => host.replace(/^\[(.*)\]$/, "$1");
const isLoopback = (host) =>
  host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127\./.test(host);

function socketError(error, proxy) {
  if (error instanceof NetError || error instanceof AuthCancelled) return error;
  switch (error && error.code) {
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new NetError(proxy ? "ERR_PROXY_CONNECTION_FAILED" : "ERR_NAME_NOT_RESOLVED");
    case "ECONNREFUSED":
      return new NetError(proxy ? "ERR_PROXY_CONNECTION_FAILED" : "ERR_CONNECTION_REFUSED");
    case "ETIMEDOUT":
      return new NetError(proxy ? "ERR_PROXY_CONNECTION_FAILED" : "ERR_CONNECTION_TIMED_OUT");
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return new NetError(proxy ? "ERR_PROXY_CONNECTION_FAILED" : "ERR_ADDRESS_UNREACHABLE");
    case "ECONNRESET":
    case "EPIPE":
      return new NetError("ERR_CONNECTION_RESET");
    default:
      return new NetError("ERR_CONNECTION_FAILED");
  }
}

/** The entries of a PAC answer: `{kind: "proxy", host, port}` or `{kind: "direct"}`. */
function parsePac(answer) {
  const hops = [];
  for (const entry of answer
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [kind, where] = entry.split(/\s+/);
    if (kind.toUpperCase() === "DIRECT") {
      hops.push({ kind: "direct" });
      break;
    }
    if (kind.toUpperCase() === "PROXY" && where) {
      const url = new URL(`http://${where}`);
      hops.push({ kind: "proxy", host: bare(url.hostname), port: Number(url.port || 80) });
    }
  }
  return hops.length ? hops : [{ kind: "direct" }];
}

/** `fixed_servers` rules (`http://a:8080,b:3128,direct://`) in PAC form. */
function rulesToPac(rules) {
  const list = rules.includes("=") ? (/(?:^|;)\s*https=([^;]*)/.exec(rules)?.[1] ?? "") : rules;
  return list
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      if (item === "direct://") return "DIRECT";
      const url = new URL(item.includes("://") ? item : `http://${item}`);
      return `PROXY ${url.hostname}:${url.port || (url.protocol === "https:" ? 443 : 80)}`;
    })
    .join("; ");
}

function bypassed(bypassRules, host) {
  return (bypassRules ?? "")
    .split(/[,;\s]+/)
    .filter(Boolean)
    .some((rule) =>
      rule === "<local>" ? !host.includes(".") : host === rule || host.endsWith(rule.replace(/^\*/, "")),
    );
}

function connectTcp(state, host, port) {
  const sockets = state.sockets;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: state.hosts()[host] ?? host, port });
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    socket.once("connect", () => {
      socket.removeAllListeners("error");
      socket.on("error", () => {});
      resolve(socket);
    });
    socket.once("error", (error) => {
      socket.destroy();
      reject(error);
    });
  });
}

/** Sends CONNECT and reads the proxy's answer head: `{status, statusText, headers}`. */
function connectThrough(socket, authority, credentials) {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const onData = (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf("\r\n\r\n");
      if (end < 0) return;
      socket.off("data", onData);
      socket.off("close", onClose);
      const [statusLine, ...lines] = buffered.subarray(0, end).toString("latin1").split("\r\n");
      const match = /^HTTP\/\d\.\d (\d{3}) ?(.*)$/.exec(statusLine ?? "");
      const headers = {};
      for (const line of lines) {
        const colon = line.indexOf(":");
        if (colon < 0) continue;
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        headers[name] = headers[name] === undefined ? value : [].concat(headers[name], value);
      }
      if (!match) reject(new NetError("ERR_TUNNEL_CONNECTION_FAILED"));
      else resolve({ status: Number(match[1]), statusText: match[2] ?? "", headers });
    };
    const onClose = () => reject(new NetError("ERR_EMPTY_RESPONSE"));
    socket.on("data", onData);
    socket.once("close", onClose);
    const auth = credentials
      ? `Proxy-Authorization: Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}\r\n`
      : "";
    socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${auth}\r\n`);
  });
}

/** The schemes and Basic realm of a 407's Proxy-Authenticate headers. */
function challengesOf(headers) {
  const values = [].concat(headers["proxy-authenticate"] ?? []);
  const schemes = values.map((value) => value.trim().split(/\s+/)[0].toLowerCase());
  const basic = values.find((value) => /^basic\b/i.test(value.trim()));
  return { schemes, realm: /realm="([^"]*)"/i.exec(basic ?? "")?.[1] ?? "" };
}

function certificateOf(peer, depth = 0) {
  if (!peer || !peer.raw) return undefined;
  const pem = `-----BEGIN CERTIFICATE-----\n${peer.raw
    .toString("base64")
    .replace(/(.{64})/g, "$1\n")
    .trimEnd()}\n-----END CERTIFICATE-----\n`;
  const issuer = peer.issuerCertificate;
  return {
    data: pem,
    issuerName: peer.issuer?.CN ?? "",
    subjectName: peer.subject?.CN ?? "",
    serialNumber: peer.serialNumber ?? "",
    validStart: Date.parse(peer.valid_from) / 1000,
    validExpiry: Date.parse(peer.valid_to) / 1000,
    fingerprint: `sha256/${peer.fingerprint256 ?? ""}`,
    issuerCert: issuer && issuer !== peer && depth < 8 ? certificateOf(issuer, depth + 1) : undefined,
  };
}

/** Chromium's verdict from Node's: the system's roots (Node's, and NODE_EXTRA_CA_CERTS), then the name. */
function chromiumVerdict(socket) {
  if (socket.authorized) return 0;
  const reason = String(socket.authorizationError ?? "");
  if (reason === "ERR_TLS_CERT_ALTNAME_INVALID") return errorNumbers.ERR_CERT_COMMON_NAME_INVALID;
  if (/EXPIRED|NOT_YET_VALID/.test(reason)) return errorNumbers.ERR_CERT_DATE_INVALID;
  if (/ISSUER|SELF_SIGNED|UNABLE_TO_VERIFY|UNTRUSTED|CERT_REJECTED/.test(reason))
    return errorNumbers.ERR_CERT_AUTHORITY_INVALID;
  return errorNumbers.ERR_CERT_INVALID;
}

/** TLS to the server, verified as Chromium verifies: its verdict, then the session's verify procedure. */
async function secure(state, socket, host) {
  const secured = await new Promise((resolve, reject) => {
    const connection = tls.connect({
      socket,
      host,
      servername: net.isIP(host) ? undefined : host,
      ALPNProtocols: ["http/1.1"],
      // Node's verdict is read below and enforced by this stand-in, as Chromium enforces its own.
      rejectUnauthorized: false,
    });
    connection.once("secureConnect", () => resolve(connection));
    connection.once("error", (error) => {
      connection.destroy();
      reject(
        error.code === "ECONNRESET"
          ? new NetError("ERR_CONNECTION_RESET")
          : new NetError("ERR_SSL_PROTOCOL_ERROR"),
      );
    });
  });
  secured.removeAllListeners("error");
  secured.on("error", () => {});
  const own = chromiumVerdict(secured);
  let verdict = own;
  if (state.verifyProc) {
    const certificate = certificateOf(secured.getPeerCertificate(true));
    const answer = await new Promise((resolve) =>
      state.verifyProc(
        {
          hostname: host,
          certificate,
          validatedCertificate: certificate,
          isIssuedByKnownRoot: own === 0,
          verificationResult: own === 0 ? "net::OK" : `net::${errorNames.get(own)}`,
          errorCode: own,
        },
        resolve,
      ),
    );
    verdict = answer === -3 ? own : answer;
  }
  if (verdict !== 0) {
    secured.destroy();
    throw new NetError(errorNames.get(verdict) ?? "ERR_CERT_INVALID");
  }
  return secured;
}

/** A tunnel through `hop` (whose first connection is `first`), Basic credentials asked once per challenge. */
async function tunnel(state, first, hop, url, askLogin) {
  const endpoint = `${hop.host}:${hop.port}`;
  const authority = `${url.hostname}:${url.port || 443}`;
  let credentials = state.authCache.get(endpoint) ?? null;
  let socket = first;
  for (let round = 0; ; round += 1) {
    if (!socket)
      socket = await connectTcp(state, hop.host, hop.port).catch((error) =>
        Promise.reject(socketError(error, true)),
      );
    const head = await connectThrough(socket, authority, credentials);
    if (head.status >= 200 && head.status < 300) {
      if (credentials) state.authCache.set(endpoint, credentials);
      return socket;
    }
    socket.destroy();
    socket = null;
    if (head.status !== 407) throw new NetError("ERR_TUNNEL_CONNECTION_FAILED");
    if (credentials) state.authCache.delete(endpoint);
    const { schemes, realm } = challengesOf(head.headers);
    if (!schemes.includes("basic")) throw new NetError("ERR_PROXY_AUTH_UNSUPPORTED");
    const given =
      round < 10
        ? await askLogin({ isProxy: true, scheme: "basic", host: hop.host, port: hop.port, realm })
        : null;
    if (!given) throw new AuthCancelled(head);
    credentials = given;
  }
}

/** The session: its proxy configuration, verify procedure, proxy credentials cache and open sockets. */
function createSession({ systemProxy, hosts }) {
  const state = {
    config: { mode: "system" },
    verifyProc: null,
    authCache: new Map(),
    sockets: new Set(),
    hosts,
  };
  const resolveProxy = async (url) => {
    const host = bare(new URL(url).hostname);
    const { config } = state;
    if (isLoopback(host) && !(config.proxyBypassRules ?? "").includes("<-loopback>")) return "DIRECT";
    if (bypassed(config.proxyBypassRules, host)) return "DIRECT";
    switch (config.mode) {
      case "direct":
        return "DIRECT";
      case "fixed_servers":
        return rulesToPac(config.proxyRules ?? "") || "DIRECT";
      case "system":
        return systemProxy(url);
      default:
        // pac_script and auto_detect download and run a script: not played here.
        return "DIRECT";
    }
  };
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
