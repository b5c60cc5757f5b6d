import type { z } from "zod";
import type { ErrorInfo } from "../errors.js";
import { AppError } from "../errors.js";
import type { Events, Methods } from "./index.js";
import { eventNames, methodNames, type EventName, type MethodName } from "./names.js";

export type MethodInput<M extends MethodName> = z.input<Methods[M]["input"]>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]["output"]>;
export type EventPayload<E extends EventName> = z.output<Events[E]["payload"]>;

/** What crosses IPC for every call: a value, or an error with a code. */
export type Envelope<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

type Namespace = MethodName extends `${infer NS}.${string}` ? NS : never;

/** `window.ccms`: one function per contract method, grouped by namespace, and one subscribe per event. */
export type CcmsApi = {
  [NS in Namespace]: {
    [K in MethodName as K extends `${NS}.${infer M}` ? M : never]: (
      input: MethodInput<K>,
    ) => Promise<MethodOutput<K>>;
  };
} & {
  on: { [E in EventName]: (listener: (payload: EventPayload<E>) => void) => () => void };
};

/** How a shell carries calls and events: IPC in Electron, HTTP and SSE in the browser shell. */
export interface Transport {
  invoke(method: MethodName, input: unknown): Promise<Envelope>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

/**
 * Builds `window.ccms` from a transport. A failed call rejects with an AppError carrying the code, or with
 * whatever `rejectWith` makes of the error (Electron's context bridge keeps only the message of a thrown
 * Error, so the preload rejects with a plain object instead).
 */
export function createApi(
  transport: Transport,
  rejectWith: (error: ErrorInfo) => unknown = (error) =>
    new AppError(error.code, error.message, error.details),
): CcmsApi {
  const on: Record<string, unknown> = {};
  const api: Record<string, Record<string, unknown>> = { on };
  for (const name of methodNames) {
    const [ns, fn] = splitName(name);
    api[ns] ??= {};
    api[ns][fn] = async (input: unknown) => {
      const envelope = await transport.invoke(name, input);
      if (envelope.ok) return envelope.value;
      return Promise.reject(rejectWith(envelope.error));
    };
  }
  for (const name of eventNames) {
    on[name] = (listener: (payload: unknown) => void) => transport.subscribe(name, listener);
  }
  return api as CcmsApi;
}

function splitName(name: string): [string, string] {
  const dot = name.indexOf(".");
  return [name.slice(0, dot), name.slice(dot + 1)];
}
