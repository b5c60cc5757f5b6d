import type http from "node:http";
import https from "node:https";
import net from "node:net";
import type { AddressInfo } from "node:net";
import dns2 from "dns2";

/** The simulator's sign-in page, in the shape the page step expects of it. */
export const SSO_LOGIN_PAGE = `<!doctype html><html><head><title>HKEX CCMS – Sign in</title></head>
<body><form method="post" action="/sso/login"><label>User ID <input name="userId"></label>
<label>Password <input type="password" name="password"></label><button>Sign in</button></form></body></html>`;

export interface Running {
  port: number;
  close(): Promise<void>;
}

const portOf = (server: net.Server): number => (server.address() as AddressInfo).port;

function closeServer(server: net.Server, sockets: Set<net.Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

function track(server: net.Server): Set<net.Socket> {
  const sockets = new Set<net.Socket>();
  server.on("connection", (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  return sockets;
}

async function listen(server: net.Server): Promise<Running> {
  const sockets = track(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: portOf(server), close: () => closeServer(server, sockets) };
}

/** An HTTPS server on 127.0.0.1 answering with `handler`. */
export function startHttpsServer(
  credentials: { certPem: string; keyPem: string },
  handler: http.RequestListener,
): Promise<Running> {
  return listen(https.createServer({ cert: credentials.certPem, key: credentials.keyPem }, handler));
}

/** Serves the sign-in page at /sso, and the routes given. */
export function ssoRoutes(
  extra: Record<string, (res: http.ServerResponse) => void> = {},
): http.RequestListener {
  return (req, res) => {
    const route = extra[req.url ?? ""];
    if (route) return route(res);
    if (req.url === "/sso") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(SSO_LOGIN_PAGE);
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
  };
}

/** Accepts connections and never says a word. */
export function startBlackhole(): Promise<Running> {
  return listen(net.createServer(() => {}));
}

/** A port that refuses: it was listened on, then closed. */
export async function refusedPort(): Promise<number> {
  const running = await listen(net.createServer());
  await running.close();
  return running.port;
}

const NXDOMAIN = 3;

/** A DNS server on a loopback port answering A queries from `zone`; other names get NXDOMAIN. */
export async function startDnsServer(zone: Record<string, string[]>): Promise<Running> {
  const { Packet } = dns2;
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const question = request.questions[0];
      const name = (question?.name ?? "").toLowerCase();
      const addresses = zone[name];
      if (!addresses) {
        response.header.rcode = NXDOMAIN;
      } else if (question?.type === Packet.TYPE.A) {
        for (const address of addresses) {
          const record = { name, type: Packet.TYPE.A, class: Packet.CLASS.IN, ttl: 60, address };
          response.answers.push(record as (typeof response.answers)[number]);
        }
      }
      send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: "127.0.0.1" } });
  const udp = addresses.udp;
  if (!udp) throw new Error("the DNS server did not listen on UDP");
  return { port: udp.port, close: () => server.close() };
}
