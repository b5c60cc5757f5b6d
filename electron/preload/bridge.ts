import type { IpcRenderer } from "electron";
import { createApi, type CcmsApi, type Envelope, type Transport } from "../../shared/contract/api.js";
import {
  ipcChannel,
  isEventName,
  isMethodName,
  type EventName,
  type MethodName,
} from "../../shared/contract/names.js";
import type { ErrorInfo } from "../../shared/errors.js";

/**
 * What the preload puts on `window.ccms`: one function per contract method and
 * `on.<event>` subscriptions (the shape of `createApi`), plus the same calls as
 * a `Transport` (`invoke`/`subscribe`, restricted to contract names).
 *
 * The context bridge copies a thrown Error with its message only, so a failed
 * call rejects with a plain object `{ name: "AppError", code, message,
 * details? }` instead, which crosses intact: pages read `error.code`.
 *
 * Everything here imports nothing but `electron` and the contract's zod-free
 * modules (names, `createApi`, error codes): a test holds the bundle to 20 KB.
 */
export type CcmsBridge = CcmsApi & Transport;

export function ipcTransport(ipcRenderer: IpcRenderer): Transport {
  return {
    invoke: async (method: MethodName, input: unknown): Promise<Envelope> => {
      if (!isMethodName(method)) {
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
      if (!isEventName(event)) return () => {};
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
  const api = createApi(transport, ({ code, message, details }): BridgedError =>
    details === undefined
      ? { name: "AppError", code, message }
      : { name: "AppError", code, message, details },
  );
  return { ...api, invoke: transport.invoke, subscribe: transport.subscribe };
}
