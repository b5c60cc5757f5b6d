/**
 * Serves a built page as the browser shell serves the app: the shell's own web server
 * (electron/web/create-web-server.ts: the same static files code, headers and CSP), in a process of
 * its own, with no API behind it. Prints `serving at <origin>`; stops on SIGTERM.
 * Usage: tsx test/bench/static-page-server.ts <built page folder>
 */
import { EventHub } from "../../electron/host/dispatch.js";
import { createWebServer } from "../../electron/web/create-web-server.js";

const [rendererDir] = process.argv.slice(2);
if (!rendererDir) throw new Error("Usage: static-page-server.ts <built page folder>");
const server = await createWebServer({
  dispatch: async () => ({ ok: false, error: { code: "NOT_FOUND", message: "This page has no API." } }),
  events: new EventHub(),
  rendererDir,
});
console.log(`serving at ${server.origin}`);
process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
