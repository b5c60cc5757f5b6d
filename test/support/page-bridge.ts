import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Services } from "../../electron/host/create-services.js";
import { createWebServer, type WebServer } from "../../electron/web/create-web-server.js";
import { installApi } from "../../renderer/bridge/index.js";
import { createHttpTransport } from "../../renderer/bridge/http-transport.js";
import { createApi } from "../../shared/contract/api.js";

/**
 * Serves `services` as the browser shell does and connects the renderer's
 * stores to it over the HTTP bridge, the path a page takes. `onInvoke` hears
 * every method the bridge sends.
 */
export async function connectPage(
  services: Services,
  options: { onInvoke?: (method: string) => void } = {},
): Promise<{ web: WebServer; close(): Promise<void> }> {
  const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-renderer-dist-"));
  fs.writeFileSync(path.join(rendererDir, "index.html"), "<!doctype html><title>CCMS Terminal</title>");
  const web = await createWebServer({ dispatch: services.dispatch, events: services.events, rendererDir });
  const transport = createHttpTransport({ baseUrl: web.origin, token: web.token, backoffMs: [50] });
  installApi(
    createApi({
      invoke: (method, input) => {
        options.onInvoke?.(method);
        return transport.invoke(method, input);
      },
      subscribe: (event, listener) => transport.subscribe(event, listener),
    }),
  );
  return {
    web,
    close: async () => {
      await web.close();
      fs.rmSync(rendererDir, { recursive: true, force: true });
    },
  };
}
