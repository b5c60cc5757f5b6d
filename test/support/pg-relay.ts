import net from "node:net";

/**
 * A TCP relay in front of PostgreSQL, for tests of a database that goes away in the middle of
 * things. It reads the frontend's messages as they pass (PostgreSQL's wire protocol: a type byte
 * and a length), so that it can cut a connection just before a given prepared statement runs
 * (`cutBefore`), as a database lost between two statements of a transaction; and it can stop
 * passing bytes either way without closing anything (`stall`), as a frozen host or a dropped route
 * does, then pass on what it held (`resume`), closes included, as TCP does when the route is back.
 */
export interface PgRelay {
  port: number;
  /** The next time any connection is about to run the prepared statement `name`, both ends are cut instead. */
  cutBefore(name: string): Promise<void>;
  /** Stalls (as `stall`) the next time any connection is about to run `name`, holding that statement too. */
  stallBefore(name: string): Promise<void>;
  stall(): void;
  resume(): void;
  close(): Promise<void>;
}

/** One direction of a relayed connection: what it holds while stalled, and whether its sender ended. */
class Direction {
  held: Buffer[] = [];
  ended = false;

  constructor(
    private readonly to: () => net.Socket | null,
    private readonly stalled: () => boolean,
  ) {}

  send(chunk: Buffer): void {
    const socket = this.to();
    if (this.stalled() || socket === null || this.held.length > 0) this.held.push(chunk);
    else socket.write(chunk);
  }

  end(): void {
    this.ended = true;
    this.flush();
  }

  flush(): void {
    const socket = this.to();
    if (this.stalled() || socket === null) return;
    for (const chunk of this.held) socket.write(chunk);
    this.held = [];
    if (this.ended) socket.end();
  }
}

/** The frontend's messages, as they arrive in chunks: the first has no type byte (startup). */
class FrontendMessages {
  private pending = Buffer.alloc(0);
  private startup = true;

  /** Splits what arrived into whole messages; the rest waits for the next chunk. */
  push(chunk: Buffer): Array<{ type: string; bytes: Buffer }> {
    this.pending = Buffer.concat([this.pending, chunk]);
    const messages: Array<{ type: string; bytes: Buffer }> = [];
    for (;;) {
      const head = this.startup ? 0 : 1;
      if (this.pending.length < head + 4) break;
      const length = head + this.pending.readInt32BE(head);
      if (this.pending.length < length) break;
      messages.push({
        type: this.startup ? "" : String.fromCharCode(this.pending[0] ?? 0),
        bytes: this.pending.subarray(0, length),
      });
      this.pending = this.pending.subarray(length);
      this.startup = false;
    }
    return messages;
  }
}

/** The prepared statement a Bind message runs: its second C string (after the portal's). */
function boundStatement(bind: Buffer): string {
  const portalEnd = bind.indexOf(0, 5);
  const statementEnd = bind.indexOf(0, portalEnd + 1);
  return bind.subarray(portalEnd + 1, statementEnd).toString("utf8");
}

export async function startPgRelay(targetPort: number): Promise<PgRelay> {
  let stalled = false;
  const traps: Array<{ name: string; action: "cut" | "stall"; done: () => void }> = [];
  type Connection = { client: net.Socket; server: () => net.Socket | null; flush: () => void };
  const connections = new Set<Connection>();
  const closed = new Set<Connection>();

  const server = net.createServer((client) => {
    let upstream: net.Socket | null = null;
    const up = new Direction(
      () => upstream,
      () => stalled,
    );
    const down = new Direction(
      () => client,
      () => stalled,
    );
    const messages = new FrontendMessages();
    const cut = () => {
      client.destroy();
      upstream?.destroy();
    };
    const connectUpstream = () => {
      if (upstream !== null || client.destroyed) return;
      upstream = net.connect(targetPort, "127.0.0.1");
      upstream.on("data", (chunk: Buffer) => down.send(chunk));
      upstream.on("end", () => down.end());
      upstream.on("error", () => client.destroy());
      upstream.on("close", () => {
        if (!stalled) client.destroy();
      });
      up.flush();
    };
    const entry = {
      client,
      server: () => upstream,
      flush: () => {
        connectUpstream();
        up.flush();
        down.flush();
      },
    };
    connections.add(entry);
    client.on("data", (chunk: Buffer) => {
      for (const message of messages.push(chunk)) {
        const armed =
          message.type === "B" ? traps.findIndex((t) => t.name === boundStatement(message.bytes)) : -1;
        const trap = armed >= 0 ? traps.splice(armed, 1)[0] : undefined;
        if (trap?.action === "cut") {
          cut();
          trap.done();
          return;
        }
        if (trap?.action === "stall") {
          stalled = true;
          trap.done();
        }
        up.send(Buffer.from(message.bytes));
      }
    });
    client.on("error", () => undefined);
    // The frontend gone: the server learns it after what it sent, now or once the relay resumes.
    client.on("close", () => {
      up.end();
      if (stalled) closed.add(entry);
      else connections.delete(entry);
    });
    if (!stalled) connectUpstream();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;

  return {
    port,
    cutBefore(name) {
      return new Promise((done) => traps.push({ name, action: "cut", done }));
    },
    stallBefore(name) {
      return new Promise((done) => traps.push({ name, action: "stall", done }));
    },
    stall() {
      stalled = true;
    },
    resume() {
      stalled = false;
      for (const connection of connections) connection.flush();
      for (const connection of closed) connections.delete(connection);
      closed.clear();
    },
    async close() {
      for (const { client, server: upstream } of connections) {
        client.destroy();
        upstream()?.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
