import type { Envelope, Transport } from "../../shared/contract/api.js";
import { methods } from "../../shared/contract/index.js";
import { httpRoute, type EventName, type MethodName } from "../../shared/contract/names.js";
import { errorBodySchema } from "../../shared/error-schemas.js";
import type { ErrorInfo } from "../../shared/errors.js";
import { openEventStream, type ServerEvent } from "./event-stream.js";

export interface HttpTransportOptions {
  /** Origin of the browser shell, e.g. `http://127.0.0.1:5123`. */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** Called once when the shell refuses the token (401/403). */
  onUnauthorized?: () => void;
  backoffMs?: readonly number[];
}

const unreachable: ErrorInfo = {
  code: "APP_UNREACHABLE",
  message: "The app's local service did not answer. Is `npm run web` still running?",
};

/**
 * The browser shell's transport: each contract method is `POST /api/<method>`
 * with JSON, and events come from one server-sent-event stream at `/api/events`.
 * Both carry the per-launch token as a bearer token.
 */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let closeStream: (() => void) | null = null;
  let refused = false;

  const unauthorized = () => {
    if (refused) return;
    refused = true;
    options.onUnauthorized?.();
  };

  const dispatch = (event: ServerEvent) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(event.data);
    } catch {
      return;
    }
    // Named events (`event: session.changed`) carry the payload as data;
    // unnamed ones may wrap it as `{event, payload}`.
    let name = event.event;
    let payload = parsed;
    if (name === "message" && isWrapped(parsed)) {
      name = parsed.event;
      payload = parsed.payload;
    }
    for (const listener of listeners.get(name as EventName) ?? []) listener(payload);
  };

  const ensureStream = () => {
    if (closeStream || refused) return;
    closeStream = openEventStream({
      url: new URL("/api/events", options.baseUrl).toString(),
      token: options.token,
      fetch: doFetch,
      onEvent: dispatch,
      onUnauthorized: unauthorized,
      ...(options.backoffMs ? { backoffMs: options.backoffMs } : {}),
    });
  };

  return {
    async invoke(method: MethodName, input: unknown): Promise<Envelope> {
      let response: Response;
      try {
        response = await doFetch(new URL(httpRoute(method), options.baseUrl).toString(), {
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: `Bearer ${options.token}` },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return { ok: false, error: unreachable };
      }
      const body = await response.json().catch(() => undefined);
      if (response.status === 401 || response.status === 403) unauthorized();
      if (response.ok) {
        const value = methods[method].output.safeParse(body);
        if (value.success) return { ok: true, value: value.data };
        return {
          ok: false,
          error: { code: "PROTOCOL_ERROR", message: "The app's answer was not understood." },
        };
      }
      const failure = errorBodySchema.safeParse(body);
      if (failure.success) return { ok: false, error: failure.data.error };
      return {
        ok: false,
        error: {
          code: response.status === 401 ? "UNAUTHORIZED" : "PROTOCOL_ERROR",
          message: `The app's local service answered ${response.status}.`,
        },
      };
    },

    subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      ensureStream();
      return () => {
        set.delete(listener);
        const anyLeft = [...listeners.values()].some((s) => s.size > 0);
        if (!anyLeft && closeStream) {
          closeStream();
          closeStream = null;
        }
      };
    },
  };
}

function isWrapped(value: unknown): value is { event: string; payload: unknown } {
  return (
    typeof value === "object" && value !== null && typeof (value as { event?: unknown }).event === "string"
  );
}
