import type { IpcRenderer } from "electron";
import {
  createApi,
  ipcChannel,
  type CcmsApi,
  type Envelope,
  type Transport,
} from "../../shared/contract/api.js";
import { eventNames, methodNames, type EventName, type MethodName } from "../../shared/contract/index.js";

/**
 * What the preload puts on `window.ccms`: one function per contract method and
 * `on.<event>` subscriptions (from `createApi`), plus the same calls as a
 * `Transport` (`invoke`/`subscribe`, restricted to contract names). The
 * context bridge drops custom properties of thrown errors, so a page that
 * needs error codes builds its own API with `createApi(window.ccms)`: envelopes
 * cross the bridge intact.
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

export function createBridge(ipcRenderer: IpcRenderer): CcmsBridge {
  const transport = ipcTransport(ipcRenderer);
  return { ...createApi(transport), invoke: transport.invoke, subscribe: transport.subscribe };
}
