/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS: part of the stand-in `electron` modules */
// The connections of the stand-in's Chromium stack (chromium-net.cjs), on Node's net and tls: TCP, a
// CONNECT tunnel with Basic credentials asked once per challenge and cached per session, and TLS checked
// as Chromium checks it (its own verdict, then the session's verify procedure). Failures as Chromium names them.
const net = require("node:net");
const tls = require("node:tls");

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

module.exports = { AuthCancelled, NetError, connectTcp, errorNumbers, secure, socketError, tunnel };
