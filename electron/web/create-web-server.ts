import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import Fastify, { type FastifyError } from "fastify";
import { httpRoute, isMethodName, methodNames } from "../../shared/contract/names.js";
import { errorCodeSchema } from "../../shared/error-schemas.js";
import { documentHeaders, securityHeaders } from "../host/csp.js";
import type { Dispatch, EventHub } from "../host/dispatch.js";
import { readStaticAsset } from "../host/static-asset.js";
import { languages } from "../../shared/languages.js";
import { userGuideFileName, userGuideFolder } from "../../shared/user-guide.js";
import { streamEvents } from "./event-stream.js";
import { createGuard, sendError } from "./guard.js";
import { statusOf } from "./status-of.js";

export interface WebServerOptions {
  dispatch: Dispatch;
  events: EventHub;
  /** The built renderer (vite output). */
  rendererDir: string;
  /** The printed user guide's folder (`dist/guide`), served under `/guide/`. */
  userGuideDir?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The per-launch API token; random when not given. */
  token?: string;
}

export interface WebServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  token: string;
  /** The address to open: the token rides in the fragment, which never reaches a server log. */
  launchUrl: string;
  close(): Promise<void>;
}

// A connectivity report uploaded to the readiness board (at most 64 KB of JSON) fits, escapes and all.
const BODY_LIMIT = 256 * 1024;

/** The browser shell: the renderer and the contract's methods and events over loopback HTTP. */
export async function createWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(32).toString("base64url");
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    return503OnClosing: true,
    forceCloseConnections: true,
  });
  let port = 0;
  const streams = new Set<() => void>();

  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.trim() === "") return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(
        Object.assign(new Error("The request body is not valid JSON."), {
          statusCode: 400,
          code: "MALFORMED_JSON",
        }),
        undefined,
      );
    }
  });
  app.addContentTypeParser("*", (_request, _payload, done) => {
    done(
      Object.assign(new Error("Send JSON (Content-Type: application/json)."), {
        statusCode: 415,
        code: "UNSUPPORTED_MEDIA_TYPE",
      }),
      undefined,
    );
  });

  app.addHook(
    "onRequest",
    createGuard(token, () => port),
  );
  app.addHook("onSend", async (_request, reply) => {
    // A PDF is shown by the browser's own viewer, which a page's policy would block.
    reply.headers(reply.getHeader("content-type") === "application/pdf" ? documentHeaders : securityHeaders);
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const code = error.code;
    if (code === "FST_ERR_CTP_BODY_TOO_LARGE")
      return sendError(
        reply,
        413,
        "PAYLOAD_TOO_LARGE",
        `The request body is larger than ${BODY_LIMIT} bytes.`,
      );
    if (code === "FST_ERR_CTP_INVALID_MEDIA_TYPE")
      return sendError(reply, 415, "UNSUPPORTED_MEDIA_TYPE", "Send JSON (Content-Type: application/json).");
    const known = errorCodeSchema.safeParse(code);
    if (known.success) return sendError(reply, statusOf(known.data), known.data, error.message);
    if ((error.statusCode ?? 500) < 500)
      return sendError(reply, 400, "INVALID_INPUT", "The request could not be read.");
    return sendError(reply, 500, "INTERNAL", "Something went wrong inside the app. Please try again.");
  });
  app.setNotFoundHandler((_request, reply) =>
    sendError(reply, 404, "NOT_FOUND", "There is nothing at this address."),
  );

  for (const name of methodNames) {
    app.post(httpRoute(name), async (request, reply) => {
      const envelope = await options.dispatch(name, request.body);
      reply.header("Cache-Control", "no-store");
      if (envelope.ok) return reply.code(200).send(envelope.value);
      return reply.code(statusOf(envelope.error.code)).send({ error: envelope.error });
    });
  }
  app.get("/api/events", (request, reply) => streamEvents(options.events, request, reply, streams));
  app.all("/api/*", (request, reply) => {
    const name = request.url.slice("/api/".length).split("?")[0] ?? "";
    if (isMethodName(name)) {
      return sendError(reply.header("Allow", "POST"), 405, "METHOD_NOT_ALLOWED", `Call ${name} with POST.`);
    }
    return sendError(reply, 404, "NOT_FOUND", `There is no method called "${name.slice(0, 60)}".`);
  });
  app.get(`/${userGuideFolder}/:file`, async (request, reply) => {
    const { file } = request.params as { file: string };
    const language = languages.find((each) => userGuideFileName(each) === file);
    const body = language && options.userGuideDir ? await readGuide(options.userGuideDir, file) : null;
    if (!body) {
      const hint = language ? " The user guide was not printed with this copy: run npm run guide." : "";
      return sendError(reply, 404, "NOT_FOUND", `There is nothing at this address.${hint}`);
    }
    return reply
      .code(200)
      .type("application/pdf")
      .header("Content-Disposition", `inline; filename="${file}"`)
      .header("Cache-Control", "no-cache")
      .send(body);
  });
  app.get("/*", async (request, reply) => {
    const asset = await readStaticAsset(options.rendererDir, request.url);
    if (!asset) {
      const hint = request.url === "/" ? " The renderer is not built: run npm run build:renderer." : "";
      return sendError(reply, 404, "NOT_FOUND", `There is nothing at this address.${hint}`);
    }
    return reply.code(200).type(asset.contentType).header("Cache-Control", "no-cache").send(asset.body);
  });

  await app.listen({ host: "127.0.0.1", port: options.port ?? 0 });
  const address = app.server.address();
  port = typeof address === "object" && address !== null ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    token,
    launchUrl: `${origin}/#token=${token}`,
    close: async () => {
      for (const end of [...streams]) end();
      await app.close();
    },
  };
}

/** A printed guide's bytes, or null when this copy has none. */
async function readGuide(dir: string, file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(path.join(dir, file));
  } catch {
    return null;
  }
}
