/**
 * A lean HTTPS/1.1 client for the benchmark driver: one TLS connection kept
 * alive, one request at a time (no pipelining), answers read by Content-Length.
 * It shares the machine with the simulator it measures, so it does as little
 * as it can: no agent, no streams of its own, no header objects.
 */
import tls from "node:tls";

export interface Answer {
  status: number;
  body: string;
}

const headerEnd = Buffer.from("\r\n\r\n");

export class KeepAliveClient {
  private socket: tls.TLSSocket | null = null;
  private buffered: Buffer = Buffer.alloc(0);
  private pending: { resolve(answer: Answer): void; reject(error: Error): void } | null = null;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly ca: Buffer,
  ) {}

  /** `body` is sent as application/json when given. */
  request(method: string, pathAndQuery: string, body?: string, bearer?: string): Promise<Answer> {
    if (this.pending !== null) return Promise.reject(new Error("one request at a time"));
    const socket = this.socket ?? this.connect();
    let head = `${method} ${pathAndQuery} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\n`;
    if (bearer !== undefined) head += `authorization: Bearer ${bearer}\r\n`;
    if (body !== undefined) {
      head += `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    } else {
      head += "\r\n";
    }
    return new Promise<Answer>((resolve, reject) => {
      this.pending = { resolve, reject };
      socket.write(head);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private connect(): tls.TLSSocket {
    const socket = tls.connect({ host: this.host, port: this.port, ca: this.ca });
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    const fail = (error: Error) => {
      if (this.socket === socket) this.socket = null;
      this.buffered = Buffer.alloc(0);
      const pending = this.pending;
      this.pending = null;
      pending?.reject(error);
    };
    socket.on("error", fail);
    socket.on("close", () => fail(new Error("the connection closed")));
    this.socket = socket;
    return socket;
  }

  private onData(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const end = this.buffered.indexOf(headerEnd);
    if (end < 0) return;
    const head = this.buffered.toString("latin1", 0, end);
    const lengthMatch = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    const pending = this.pending;
    if (lengthMatch === null || pending === null) {
      this.close();
      pending?.reject(new Error("an answer without Content-Length (or none asked for)"));
      return;
    }
    const bodyStart = end + 4;
    const bodyEnd = bodyStart + Number(lengthMatch[1]);
    if (this.buffered.length < bodyEnd) return;
    const status = Number(head.slice(9, 12));
    const body = this.buffered.toString("utf8", bodyStart, bodyEnd);
    this.buffered = this.buffered.subarray(bodyEnd);
    this.pending = null;
    pending.resolve({ status, body });
  }
}
