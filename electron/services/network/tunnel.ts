import { EventEmitter } from "node:events";
import type { ClientRequest } from "node:http";
import type { Socket } from "node:net";
import { HttpsProxyAgent } from "https-proxy-agent";
import { say, type CheckMessage } from "../../../shared/check-text/check-message.js";
import { endpointOf, type ProxyCredentials } from "./proxy-answer.js";
import {
  authenticationProblem,
  offeredSchemes,
  ProxyFailure,
  proxyTimedOut,
  proxyUnreachable,
  tunnelRefused,
} from "./proxy-problems.js";

export interface TunnelRequest {
  /** `http://host:port` (or `https://`), without credentials. */
  proxy: URL;
  credentials: ProxyCredentials | null;
  /** The far end of the tunnel. */
  host: string;
  port: number;
  /** For the proxy to connect and answer the CONNECT. */
  timeoutMs: number;
}

/** The proxy's answer to CONNECT, as https-proxy-agent reports it. */
interface ConnectAnswer {
  statusCode: number;
  statusText: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Opens an HTTP CONNECT tunnel through a proxy to `host:port` and returns the
 * raw socket, ready for TLS to the far end (the caller verifies the server's
 * certificate through it; the proxy never sees inside). The CONNECT exchange
 * is https-proxy-agent's; Basic credentials go in its Proxy-Authorization.
 * Every failure comes back as a ProxyFailure naming what the proxy did.
 */
export async function openTunnel(request: TunnelRequest): Promise<Socket> {
  const proxyName = endpointOf(request.proxy);
  const target = `${request.host}:${request.port}`;
  const controller = new AbortController();
  const agent = tunnelAgent(request, controller.signal);
  const seen: { answer: ConnectAnswer | null } = { answer: null };
  agent.once("proxyConnect", (connect: ConnectAnswer) => {
    seen.answer = connect;
  });
  // agent-base hands connect() the HTTP request only to emit its proxy notices on; a tunnel opened for the
  // connectivity check has no request, so an emitter stands in for one.
  const notices = new EventEmitter() as unknown as ClientRequest;
  const connecting = agent.connect(notices, {
    host: request.host,
    port: request.port,
    secureEndpoint: false,
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(proxyTimedOut(proxyName, request.timeoutMs));
    }, request.timeoutMs);
  });
  // A late answer after the time is up is closed, never leaked.
  connecting.then(
    (socket) => {
      if (controller.signal.aborted) socket.destroy();
    },
    () => {},
  );
  let socket: Socket;
  try {
    socket = await Promise.race([connecting, timedOut]);
  } catch (error) {
    if (error instanceof ProxyFailure) throw error;
    if (controller.signal.aborted) throw proxyTimedOut(proxyName, request.timeoutMs);
    throw proxyUnreachable(proxyName, reasonOf(error));
  } finally {
    clearTimeout(timer);
  }
  const connect = seen.answer;
  if (connect === null || (connect.statusCode >= 200 && connect.statusCode < 300)) {
    // Requests and answers are small and come in turns: no waiting to fill a segment (as Node's own agent).
    socket.setNoDelay(true);
    return socket;
  }
  socket.destroy();
  if (connect.statusCode === 407) {
    throw authenticationProblem(
      proxyName,
      target,
      offeredSchemes(connect.headers["proxy-authenticate"]),
      request.credentials !== null,
    );
  }
  throw tunnelRefused(proxyName, target, connect.statusCode, connect.statusText);
}

function tunnelAgent(request: TunnelRequest, signal: AbortSignal) {
  const auth = request.credentials
    ? `${encodeURIComponent(request.credentials.username)}:${encodeURIComponent(request.credentials.password)}@`
    : "";
  // The tunnel is kept alive for later requests (pooled by the agent that asked for it).
  const headers = { "Proxy-Connection": "Keep-Alive" };
  if (request.proxy.protocol === "https:") {
    // TLS to the proxy itself does not take a signal: the time limit above closes a late answer instead.
    const href: `https://${string}` = `https://${auth}${request.proxy.host}`;
    return new HttpsProxyAgent(href, { headers });
  }
  const href: `http://${string}` = `http://${auth}${request.proxy.host}`;
  return new HttpsProxyAgent(href, { headers, signal });
}

/** Why a connection to the proxy failed (Node's codes; never anything the request carried). */
function reasonOf(error: unknown): CheckMessage {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  switch (code) {
    case "ECONNREFUSED":
      return say("proxy.refused");
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return say("proxy.unresolved");
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "EADDRNOTAVAIL":
      return say("proxy.noRoute", { code });
    case "ECONNRESET":
    case "EPIPE":
      return say("proxy.closed");
    default:
      break;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/ended before receiving CONNECT response/i.test(message)) return say("proxy.closed");
  return typeof code === "string"
    ? say("proxy.otherFailureCode", { error: message, code })
    : say("proxy.otherFailure", { error: message });
}
