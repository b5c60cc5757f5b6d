import net from "node:net";
import tls from "node:tls";
import { trustContext } from "./secure-context.js";
import { TimedOut, withTimeout } from "./time-budget.js";
import { errorCode } from "./types.js";

/** How a TCP connection attempt ended badly, told apart for the hint. */
export type ConnectProblem = "refused" | "timeout" | "unreachable" | "reset" | "other";

export class ConnectFailed extends Error {
  constructor(
    readonly problem: ConnectProblem,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ConnectFailed";
  }
}

export function classifyConnectError(error: unknown): ConnectFailed {
  if (error instanceof ConnectFailed) return error;
  if (error instanceof TimedOut) return new ConnectFailed("timeout", "ETIMEDOUT", error.message);
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === "ECONNREFUSED") return new ConnectFailed("refused", code, message);
  if (code === "ETIMEDOUT") return new ConnectFailed("timeout", code, message);
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH" || code === "EADDRNOTAVAIL")
    return new ConnectFailed("unreachable", code, message);
  if (code === "ECONNRESET" || code === "EPIPE") return new ConnectFailed("reset", code, message);
  return new ConnectFailed("other", code || "ERROR", message);
}

/** Opens a TCP connection, bounded by `limitMs`; the socket is destroyed on timeout. */
export function connectTcp(host: string, port: number, limitMs: number): Promise<net.Socket> {
  const socket = net.connect({ host, port });
  const connected = new Promise<net.Socket>((resolve, reject) => {
    socket.once("connect", () => {
      socket.off("error", reject);
      // Later errors belong to whoever uses the socket; this keeps an unused one from crashing the process.
      socket.on("error", ignore);
      resolve(socket);
    });
    socket.once("error", reject);
  });
  return withTimeout(connected, limitMs, () => socket.destroy()).catch((error: unknown) => {
    socket.destroy();
    throw classifyConnectError(error);
  });
}

/** The proxy answered the CONNECT with something other than 2xx. */
export class TunnelRefused extends Error {
  constructor(
    readonly status: number,
    readonly statusLine: string,
    readonly authenticate: string | null,
  ) {
    super(`the proxy answered "${statusLine}"`);
    this.name = "TunnelRefused";
  }
}

const MAX_PROXY_HEAD = 16 * 1024;

/**
 * Asks an HTTP proxy to open a tunnel to `authority` (host:port) over `socket`.
 * Credentials in the proxy URL are sent as Basic Proxy-Authorization.
 */
export function openTunnel(
  socket: net.Socket,
  proxy: URL,
  authority: string,
  limitMs: number,
): Promise<net.Socket> {
  const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`];
  if (proxy.username) {
    const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    lines.push(`Proxy-Authorization: Basic ${Buffer.from(credentials).toString("base64")}`);
  }
  const answered = new Promise<net.Socket>((resolve, reject) => {
    let head = Buffer.alloc(0);
    const cleanup = (): void => {
      socket.off("data", onData);
      socket.off("error", onError);
      socket.off("end", onEnd);
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onEnd = (): void => {
      cleanup();
      reject(new ConnectFailed("reset", "ECONNRESET", "the proxy closed the connection without answering"));
    };
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end === -1) {
        if (head.length > MAX_PROXY_HEAD) onError(new Error("the proxy's answer is too long"));
        return;
      }
      cleanup();
      socket.pause();
      const rest = head.subarray(end + 4);
      if (rest.length > 0) socket.unshift(rest);
      const headerLines = head.subarray(0, end).toString("latin1").split("\r\n");
      const statusLine = headerLines[0] ?? "";
      const status = Number(/^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(statusLine)?.[1] ?? 0);
      if (status >= 200 && status < 300) {
        resolve(socket);
        return;
      }
      const authenticate =
        headerLines
          .find((line) => line.toLowerCase().startsWith("proxy-authenticate:"))
          ?.slice("proxy-authenticate:".length)
          .trim() ?? null;
      reject(new TunnelRefused(status, statusLine, authenticate));
    };
    socket.on("data", onData);
    socket.on("error", onError);
    socket.on("end", onEnd);
    socket.write(`${lines.join("\r\n")}\r\n\r\n`);
  });
  return withTimeout(answered, limitMs, () => socket.destroy()).catch((error: unknown) => {
    socket.destroy();
    throw error instanceof TunnelRefused ? error : classifyConnectError(error);
  });
}

/** For an https:// proxy: TLS to the proxy itself, verified like any server. */
export function secureToProxy(
  socket: net.Socket,
  proxy: URL,
  caPem: string | null,
  limitMs: number,
): Promise<net.Socket> {
  const secure = tls.connect({
    socket,
    servername: net.isIP(proxy.hostname) ? undefined : proxy.hostname,
    secureContext: trustContext(caPem),
  });
  const ready = new Promise<net.Socket>((resolve, reject) => {
    secure.once("secureConnect", () => {
      secure.off("error", reject);
      secure.on("error", ignore);
      resolve(secure);
    });
    secure.once("error", reject);
  });
  return withTimeout(ready, limitMs, () => secure.destroy()).catch((error: unknown) => {
    secure.destroy();
    throw classifyConnectError(error);
  });
}

const ignore = (): void => {};
