import type { Protocol } from "electron";
import { securityHeaders } from "../host/csp.js";
import { readStaticAsset } from "../host/static-asset.js";

export const APP_SCHEME = "app";
export const APP_HOST = "ccms";
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Must run before the app is ready: makes app:// a standard, secure origin of its own. */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
}

/** Serves the built renderer under app://ccms/ with the strict CSP on every answer. */
export function handleAppProtocol(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const asset =
      url.host === APP_HOST && request.method === "GET"
        ? await readStaticAsset(rendererDir, url.pathname)
        : null;
    if (!asset) {
      return new Response("Not found", {
        status: 404,
        headers: { ...securityHeaders, "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    return new Response(new Uint8Array(asset.body), {
      status: 200,
      headers: { ...securityHeaders, "Content-Type": asset.contentType },
    });
  });
}
