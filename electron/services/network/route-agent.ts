import https from "node:https";
import type { Duplex } from "node:stream";
import { AppError } from "../../../shared/errors.js";
import { bareHost } from "./hosts.js";
import { endpointOf, type ProxyCredentials } from "./proxy-answer.js";
import { ProxyFailure } from "./proxy-problems.js";
import type { RouteDecision } from "./route-decision.js";
import { openTunnel } from "./tunnel.js";

/** What an agent asks before it opens a connection. */
export interface Router {
  decide(target: URL): Promise<RouteDecision>;
  /** Credentials known for a proxy (`host:port`): this run's, or the keychain's. */
  credentialsFor(proxy: string): Promise<ProxyCredentials | null>;
  /** Called when the route or the credentials may have changed; returns the unsubscribe. */
  onChange?(listener: () => void): () => void;
}

export interface RouteAgentOptions extends https.AgentOptions {
  router: Router;
  /** How long a proxy may take to open a tunnel. */
  tunnelTimeoutMs: number;
}

type Callback = (error: Error | null, stream: Duplex) => void;

/**
 * An HTTPS agent that takes the route decision for each new connection: direct,
 * or a CONNECT tunnel through the proxy with TLS to the server inside it
 * (verified against the agent's trust, `ca` included, for the server's own
 * name). Proxies that cannot be reached give way to the next hop, as PAC's
 * `PROXY a; DIRECT` means. Connections are kept alive and reused as by any
 * agent, until the route may have changed: then idle ones close at once and
 * busy ones when their answer is in, so the next request decides afresh.
 */
export class RouteAgent extends https.Agent {
  private readonly router: Router;
  private readonly tunnelTimeoutMs: number;
  private generation = 0;
  private readonly bornIn = new WeakMap<Duplex, number>();
  private readonly unsubscribe: () => void;

  constructor({ router, tunnelTimeoutMs, ...options }: RouteAgentOptions) {
    super(options);
    this.router = router;
    this.tunnelTimeoutMs = tunnelTimeoutMs;
    this.unsubscribe = router.onChange?.(() => this.reset()) ?? (() => {});
  }

  override createConnection(options: https.RequestOptions, callback?: Callback): Duplex | null | undefined {
    const done: Callback = callback ?? (() => {});
    const generation = this.generation;
    this.open(options).then(
      (socket) => {
        this.bornIn.set(socket, generation);
        done(null, socket);
      },
      // With an error, Node's agent never reads the stream argument (its type insists on one).
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error)), undefined as never),
    );
    return undefined;
  }

  /** The route may have changed: no connection made before now is used again. */
  reset(): void {
    this.generation += 1;
    for (const sockets of Object.values(this.freeSockets))
      for (const socket of sockets ?? []) socket.destroy();
  }

  /** Node's contract: a falsy answer closes the socket instead of keeping it for the next request. */
  override keepSocketAlive(socket: Duplex): boolean {
    if (this.bornIn.get(socket) !== this.generation) return false;
    const kept: unknown = super.keepSocketAlive(socket);
    return kept !== false;
  }

  override destroy(): void {
    this.unsubscribe();
    super.destroy();
  }

  private async open(options: https.RequestOptions): Promise<Duplex> {
    const host = bareHost(options.hostname ?? options.host ?? "localhost");
    const port = Number(options.port ?? 443);
    const target = new URL(`https://${host.includes(":") ? `[${host}]` : host}:${port}/`);
    const decision = await this.router.decide(target);
    let last: ProxyFailure | null = null;
    for (const hop of decision.hops) {
      if (hop.kind === "direct") return this.secure(options);
      const credentials = hop.credentials ?? (await this.router.credentialsFor(endpointOf(hop.proxy)));
      try {
        const tunnel = await openTunnel({
          proxy: hop.proxy,
          credentials,
          host,
          port,
          timeoutMs: this.tunnelTimeoutMs,
        });
        const overTunnel: https.RequestOptions & { socket: Duplex } = { ...options, socket: tunnel };
        return this.secure(overTunnel);
      } catch (error) {
        if (!(error instanceof ProxyFailure) || !error.allowsFallback) throw error;
        last = error;
      }
    }
    throw last ?? new AppError("SERVER_UNREACHABLE", `No route to ${target.host}.`);
  }

  /** TLS to the server (over the tunnel when `options.socket` is one), as https.Agent does it. */
  private secure(options: https.RequestOptions): Duplex {
    const socket = super.createConnection(options);
    if (!socket) throw new AppError("INTERNAL", "The HTTPS agent gave no connection.");
    return socket;
  }
}
