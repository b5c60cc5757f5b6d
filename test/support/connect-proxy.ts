import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createProxy } from "proxy";

/** One CONNECT the proxy saw: where to, who (user name only) and what it answered. */
export interface ConnectLogEntry {
  authority: string;
  user: string | null;
  status: number;
}

export interface TestProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** `127.0.0.1:<port>`, as the app names a proxy. */
  endpoint: string;
  log: ConnectLogEntry[];
  stop(): Promise<void>;
}

export interface TestProxyOptions {
  /** User names and passwords it accepts by Basic authentication; none: no authentication. */
  users?: Record<string, string>;
  /** Answers this status instead of opening the tunnel (a proxy's policy refusing CONNECT). */
  refuse?: (authority: string) => number | null;
  /** Offers only these schemes in its 407 (e.g. "NTLM", "Negotiate"), never accepting any. */
  onlySchemes?: string[];
  /** The proxy's own hosts file: names it resolves to these addresses (a test server's name, say). */
  hosts?: Record<string, string>;
}

/**
 * A real HTTP CONNECT proxy on loopback (the `proxy` package), with Basic
 * authentication, a log of every tunnel asked for, and the refusals a
 * corporate proxy gives.
 */
export async function startConnectProxy(options: TestProxyOptions = {}): Promise<TestProxy> {
  const server = createProxy(http.createServer());
  const log: ConnectLogEntry[] = [];
  const users = options.users;
  const credentialsOf = (req: http.IncomingMessage): { user: string; password: string } | null => {
    const header = req.headers["proxy-authorization"] ?? "";
    const match = /^Basic\s+(\S+)$/i.exec(header);
    if (!match?.[1]) return null;
    const decoded = Buffer.from(match[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  };
  if (users) {
    server.authenticate = (req) => {
      const given = credentialsOf(req);
      return given !== null && Object.hasOwn(users, given.user) && users[given.user] === given.password;
    };
  }
  const [serveConnect] = server.listeners("connect") as Array<
    (this: http.Server, req: http.IncomingMessage, socket: Socket, head: Buffer) => void
  >;
  server.removeAllListeners("connect");
  server.on("connect", function (this: http.Server, req: http.IncomingMessage, socket: Socket, head: Buffer) {
    const authority = req.url ?? "";
    const given = credentialsOf(req);
    const user = given?.user ?? null;
    if (options.onlySchemes) {
      log.push({ authority, user, status: 407 });
      const challenges = options.onlySchemes.map((scheme) => `Proxy-Authenticate: ${scheme}\r\n`).join("");
      socket.end(`HTTP/1.1 407 Proxy Authentication Required\r\n${challenges}Content-Length: 0\r\n\r\n`);
      return;
    }
    const refusal = options.refuse?.(authority) ?? null;
    if (refusal !== null) {
      log.push({ authority, user, status: refusal });
      socket.end(
        `HTTP/1.1 ${refusal} ${http.STATUS_CODES[refusal] ?? "Refused"}\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    const accepted = !users || (given !== null && users[given.user] === given.password);
    log.push({ authority, user, status: accepted ? 200 : 407 });
    const [name = "", port = ""] = authority.split(/:(?=\d+$)/);
    const mapped = options.hosts?.[name];
    if (mapped) req.url = `${mapped}:${port}`;
    serveConnect?.call(this, req, socket, head);
  });
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    endpoint: `127.0.0.1:${port}`,
    log,
    stop: () =>
      new Promise<void>((resolve) => {
        // Ending (not destroying) the client side lets the tunnels end their far side too.
        for (const socket of sockets) socket.end();
        const force = setTimeout(() => {
          for (const socket of sockets) socket.destroy();
          server.closeAllConnections();
        }, 200);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}
