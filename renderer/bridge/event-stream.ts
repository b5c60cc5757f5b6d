export interface ServerEvent {
  event: string;
  data: string;
}

/**
 * Incremental parser of a server-sent-event stream (the `text/event-stream`
 * format): feed it text as it arrives, get back each complete event.
 */
export class EventStreamParser {
  private buffer = "";
  private eventName = "";
  private dataLines: string[] = [];
  /** The last chunk ended in CR: a LF opening the next one belongs to that line end. */
  private lineFeedMayFollow = false;

  push(chunk: string): ServerEvent[] {
    if (chunk === "") return [];
    this.buffer += this.lineFeedMayFollow && chunk.startsWith("\n") ? chunk.slice(1) : chunk;
    this.lineFeedMayFollow = false;
    const out: ServerEvent[] = [];
    let newline: number;
    while ((newline = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, newline);
      const width = this.buffer.startsWith("\r\n", newline) ? 2 : 1;
      if (width === 1 && this.buffer[newline] === "\r" && newline === this.buffer.length - 1) {
        this.lineFeedMayFollow = true;
      }
      this.buffer = this.buffer.slice(newline + width);
      const done = this.line(line);
      if (done) out.push(done);
    }
    return out;
  }

  private line(line: string): ServerEvent | null {
    if (line === "") {
      if (this.dataLines.length === 0) {
        this.eventName = "";
        return null;
      }
      const done = { event: this.eventName || "message", data: this.dataLines.join("\n") };
      this.eventName = "";
      this.dataLines = [];
      return done;
    }
    if (line.startsWith(":")) return null;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") this.eventName = value;
    else if (field === "data") this.dataLines.push(value);
    return null;
  }
}

export interface EventStreamOptions {
  url: string;
  token: string;
  fetch: typeof fetch;
  onEvent: (event: ServerEvent) => void;
  /** The token was refused: the stream stops for good. */
  onUnauthorized: () => void;
  /** Delays between reconnection attempts, in ms; the last one repeats. */
  backoffMs?: readonly number[];
}

/**
 * Reads the browser shell's event stream with fetch (EventSource cannot send
 * an Authorization header) and reconnects with backoff when it drops.
 * Returns a function that closes it.
 */
export function openEventStream(options: EventStreamOptions): () => void {
  const backoff = options.backoffMs ?? [500, 1000, 2000, 5000, 10_000];
  const controller = new AbortController();
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = async (): Promise<void> => {
    try {
      const response = await options.fetch(options.url, {
        headers: { Authorization: `Bearer ${options.token}`, Accept: "text/event-stream" },
        signal: controller.signal,
      });
      if (response.status === 401 || response.status === 403) {
        options.onUnauthorized();
        return;
      }
      if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
      attempt = 0;
      const parser = new EventStreamParser();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const event of parser.push(value)) options.onEvent(event);
      }
    } catch {
      // Dropped or refused: fall through to a reconnect unless closed.
    }
    if (controller.signal.aborted) return;
    const delay = backoff[Math.min(attempt, backoff.length - 1)] ?? 1000;
    attempt += 1;
    timer = setTimeout(() => void connect(), delay);
  };

  void connect();
  return () => {
    controller.abort();
    if (timer) clearTimeout(timer);
  };
}
