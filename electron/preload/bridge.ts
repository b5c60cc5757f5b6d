import type { IpcRenderer } from "electron";
import {
  createApi,
  ipcChannel,
  type CcmsApi,
  type Envelope,
  type Transport,
} from "../../shared/contract/api.js";
import { eventNames, methodNames, type EventName, type MethodName } from "../../shared/contract/index.js";
import type { ErrorInfo } from "../../shared/errors.js";

/**
 * What the preload puts on `window.ccms`: one function per contract method and
 * `on.<event>` subscriptions (the shape of `createApi`), plus the same calls as
 * a `Transport` (`invoke`/`subscribe`, restricted to contract names).
 *
 * The context bridge copies a thrown Error with its message only, so a failed
 * call rejects with a plain object `{ name: "AppError", code, message,
 * details? }` instead, which crosses intact: pages read `error.code`.
 */
export type CcmsBridge = CcmsApi & Transport;

export function ipcTransport(ipcRenderer: IpcRenderer): Transport {
  return {
    invoke: async (method: MethodName, input: unknown): Promise<Envelope> => {
      if (!(methodNames as string[]).includes(method)) {
        return {
          ok: false,
          error: {
            code: "NOT_FOUND",
            message: `There is no method called "${String(method).slice(0, 60)}".`,
          },
        };
      }
      return (await ipcRenderer.invoke(ipcChannel(method), input)) as Envelope;
    },
    subscribe: (event: EventName, listener: (payload: unknown) => void) => {
      if (!(eventNames as string[]).includes(event)) return () => {};
      const channel = ipcChannel(event);
      const forward = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => {
        ipcRenderer.removeListener(channel, forward);
      };
    },
  };
}

export interface BridgedError {
  name: "AppError";
  code: ErrorInfo["code"];
  message: string;
  details?: Record<string, unknown>;
}

export function createBridge(ipcRenderer: IpcRenderer): CcmsBridge {
  const transport = ipcTransport(ipcRenderer);
  const api = createApi(transport) as unknown as Record<string, Record<string, unknown>>;
  for (const name of methodNames) {
    const dot = name.indexOf(".");
    const group = api[name.slice(0, dot)];
    if (!group) continue;
    group[name.slice(dot + 1)] = async (input: unknown) => {
      const envelope = await transport.invoke(name, input);
      if (envelope.ok) return envelope.value;
      const { code, message, details } = envelope.error;
      const bridged: BridgedError =
        details === undefined
          ? { name: "AppError", code, message }
          : { name: "AppError", code, message, details };
      return Promise.reject(bridged);
    };
  }
  return { ...(api as unknown as CcmsApi), invoke: transport.invoke, subscribe: transport.subscribe };
}
