import { describe, expect, it } from "vitest";
import { createApi, type Envelope, type Transport } from "../../../shared/contract/api.js";
import {
  eventNames,
  httpRoute,
  ipcChannel,
  methodNames,
  type EventName,
  type MethodName,
} from "../../../shared/contract/names.js";
import { events, methods } from "../../../shared/contract/index.js";
import { AppError } from "../../../shared/errors.js";

/** A transport that answers every call from a table and records what it was asked. */
function recordingTransport(answer: (method: MethodName, input: unknown) => Envelope) {
  const calls: { method: MethodName; input: unknown }[] = [];
  const listeners = new Map<EventName, (payload: unknown) => void>();
  const transport: Transport = {
    invoke: (method, input) => {
      calls.push({ method, input });
      return Promise.resolve(answer(method, input));
    },
    subscribe: (event, listener) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
  };
  return { transport, calls, listeners };
}

describe("the contract table and createApi", () => {
  it("keys the schema tables by exactly the names the preload knows, in the same order", () => {
    expect(Object.keys(methods)).toEqual([...methodNames]);
    expect(Object.keys(events)).toEqual([...eventNames]);
  });

  it("gives every method a function under its namespace that carries the input unchanged", async () => {
    const { transport, calls } = recordingTransport((method) => ({ ok: true, value: { method } }));
    const api = createApi(transport) as unknown as Record<
      string,
      Record<string, (input: unknown) => Promise<unknown>>
    >;
    for (const name of methodNames) {
      const [ns, fn] = name.split(".") as [string, string];
      expect(typeof api[ns]?.[fn], name).toBe("function");
      await expect(api[ns]?.[fn]?.({ probe: name })).resolves.toEqual({ method: name });
    }
    expect(calls.map((call) => call.method)).toEqual(methodNames);
    expect(calls.every((call) => (call.input as { probe: string }).probe === call.method)).toBe(true);
  });

  it("rejects a failed call with an AppError that keeps the code, message and details", async () => {
    const { transport } = recordingTransport(() => ({
      ok: false,
      error: { code: "INVALID_OTP", message: "That code is not right.", details: { attemptsRemaining: 4 } },
    }));
    const failure = await createApi(transport)
      .auth.verifyOtp({ otp: "123456" })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({
      code: "INVALID_OTP",
      message: "That code is not right.",
      details: { attemptsRemaining: 4 },
    });
  });

  it("rejects with what rejectWith makes of the error when a shell needs another shape", async () => {
    const { transport } = recordingTransport(() => ({
      ok: false,
      error: { code: "LOCKED_OUT", message: "Locked." },
    }));
    const api = createApi(transport, (error) => ({ plain: true, ...error }));
    await expect(api.auth.begin({ userId: "a", password: "b" })).rejects.toEqual({
      plain: true,
      code: "LOCKED_OUT",
      message: "Locked.",
    });
  });

  it("subscribes to every event by name and unsubscribes", () => {
    const { transport, listeners } = recordingTransport(() => ({ ok: true, value: null }));
    const api = createApi(transport);
    const seen: unknown[] = [];
    const off = api.on["session.changed"]((payload) => seen.push(payload));
    listeners.get("session.changed")?.({ session: null });
    expect(seen).toEqual([{ session: null }]);
    off();
    expect(listeners.has("session.changed")).toBe(false);
    expect(Object.keys(api.on).sort()).toEqual([...eventNames].sort());
  });

  it("derives every channel and route from the method name, each distinct", () => {
    const channels = new Set(methodNames.map((name) => ipcChannel(name)));
    const routes = new Set(methodNames.map((name) => httpRoute(name)));
    expect(channels.size).toBe(methodNames.length);
    expect(routes.size).toBe(methodNames.length);
    expect(httpRoute("auth.begin")).toBe("/api/auth.begin");
    expect(ipcChannel("auth.begin")).toBe("ccms:auth.begin");
  });
});
