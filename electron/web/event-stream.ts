import type { FastifyReply, FastifyRequest } from "fastify";
import type { EventHub } from "../host/dispatch.js";

const HEARTBEAT_MS = 15_000;

/** Streams every contract event to one client as server-sent events until it goes away. */
export function streamEvents(
  events: EventHub,
  request: FastifyRequest,
  reply: FastifyReply,
  closing: Set<() => void>,
): void {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-store",
    Connection: "keep-alive",
    "X-Accel-Buffering": "no",
  });
  raw.write(": connected\n\n");
  const unlisten = events.listen((event, payload) => {
    raw.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  const heartbeat = setInterval(() => raw.write(": keep-alive\n\n"), HEARTBEAT_MS);
  const end = () => {
    clearInterval(heartbeat);
    unlisten();
    closing.delete(end);
    if (!raw.writableEnded) raw.end();
  };
  closing.add(end);
  request.raw.on("close", end);
}
