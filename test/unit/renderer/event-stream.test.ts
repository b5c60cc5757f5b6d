import http from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  EventStreamParser,
  openEventStream,
  type ServerEvent,
} from "../../../renderer/bridge/event-stream.js";

describe("EventStreamParser", () => {
  it("reads named events, unnamed messages, multi-line data and skips comments", () => {
    const parser = new EventStreamParser();
    const events = parser.push(
      ': connected\n\nevent: session.changed\ndata: {"session":null}\n\ndata: a\ndata: b\n\n: keep-alive\n\n',
    );
    expect(events).toEqual([
      { event: "session.changed", data: '{"session":null}' },
      { event: "message", data: "a\nb" },
    ]);
  });

  it("accepts CRLF and CR line ends and fields without a space after the colon", () => {
    const parser = new EventStreamParser();
    expect(parser.push("event:x\r\ndata:1\r\n\r\nevent: y\rdata: 2\r\r")).toEqual([
      { event: "x", data: "1" },
      { event: "y", data: "2" },
    ]);
  });

  it("reads a CR line end and the LF after it in the next chunk as one line end", () => {
    const parser = new EventStreamParser();
    expect(parser.push("event: x\r")).toEqual([]);
    expect(parser.push("\ndata: 1\r\n\r\n")).toEqual([{ event: "x", data: "1" }]);
  });

  it("gives the events it was sent, with any line ends, however the stream is cut into chunks", () => {
    const lineEnd = fc.constantFrom("\r", "\n", "\r\n");
    const sent = fc.record({
      name: fc.constantFrom("", "session.changed", "x"),
      comment: fc.boolean(),
      data: fc.array(fc.string({ unit: fc.constantFrom("a", "1", "{", "}", ":", " ", "é") }), {
        minLength: 1,
        maxLength: 3,
      }),
    });
    fc.assert(
      fc.property(
        fc.array(sent, { minLength: 1, maxLength: 5 }),
        fc.array(lineEnd, { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (events, lineEnds, cuts) => {
          const lines = events.flatMap((e) => [
            ...(e.comment ? [": keep-alive"] : []),
            ...(e.name ? [`event: ${e.name}`] : []),
            ...e.data.map((d) => `data: ${d}`),
            "",
          ]);
          let stream = "";
          lines.forEach((line, i) => {
            const end = lineEnds[i % lineEnds.length] ?? "\n";
            // CR, then an empty line ended by LF, is one CRLF: write that empty line's end as CRLF.
            stream += line + (line === "" && end === "\n" && stream.endsWith("\r") ? "\r\n" : end);
          });
          const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
          const parser = new EventStreamParser();
          const seen: ServerEvent[] = [];
          let from = 0;
          for (const point of [...points, stream.length]) {
            seen.push(...parser.push(stream.slice(from, point)));
            from = point;
          }
          expect(seen).toEqual(events.map((e) => ({ event: e.name || "message", data: e.data.join("\n") })));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("openEventStream", () => {
  let server: http.Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  const listen = async (handler: http.RequestListener): Promise<string> => {
    const created = http.createServer(handler);
    server = created;
    await new Promise<void>((resolve) => created.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(created.address() as AddressInfo).port}/api/events`;
  };

  it("sends the bearer token, delivers events, and reconnects when the stream drops", async () => {
    const seenAuth: string[] = [];
    let connections = 0;
    const url = await listen((req, res) => {
      seenAuth.push(req.headers.authorization ?? "");
      connections += 1;
      res.writeHead(200, { "Content-Type": "text/event-stream" });
      res.end(`event: tick\ndata: ${connections}\n\n`);
    });
    const events: ServerEvent[] = [];
    const close = openEventStream({
      url,
      token: "t0ken",
      fetch,
      onEvent: (event) => events.push(event),
      onUnauthorized: () => {},
      backoffMs: [10],
    });
    await expect.poll(() => events.length).toBeGreaterThanOrEqual(3);
    close();
    expect(events.slice(0, 3)).toEqual([
      { event: "tick", data: "1" },
      { event: "tick", data: "2" },
      { event: "tick", data: "3" },
    ]);
    expect(new Set(seenAuth)).toEqual(new Set(["Bearer t0ken"]));
  });

  it("stops for good when the token is refused", async () => {
    let connections = 0;
    const url = await listen((_req, res) => {
      connections += 1;
      res.writeHead(401, { "Content-Type": "application/json" });
      res.end('{"error":{"code":"UNAUTHORIZED","message":"no"}}');
    });
    let refused = 0;
    const close = openEventStream({
      url,
      token: "wrong",
      fetch,
      onEvent: () => {},
      onUnauthorized: () => (refused += 1),
      backoffMs: [5],
    });
    await expect.poll(() => refused).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    close();
    expect(connections).toBe(1);
  });
});
