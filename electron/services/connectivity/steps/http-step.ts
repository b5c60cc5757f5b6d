import http from "node:http";
import type { Socket } from "node:net";
import type { CheckStep } from "../../../../shared/contract/connectivity.js";
import type { Hop } from "../../network/proxy-answer.js";
import { openConnection } from "../open-connection.js";
import { section } from "../sections.js";
import { roundMs, TimedOut, withTimeout } from "../time-budget.js";
import { errorCode, errorText, makeStep, type CheckDependencies, type CheckOptions } from "../types.js";

export interface HttpPage {
  url: URL;
  status: number;
  contentType: string;
  body: string;
}

export interface HttpOutcome {
  step: CheckStep;
  ttfbMs: number | null;
  /** The last answer of the chain (whatever its status), for the page step. */
  page: HttpPage | null;
}

interface Answer {
  status: number;
  statusText: string;
  location: string | null;
  contentType: string;
  body: Buffer;
  ttfbMs: number;
}

const MAX_REDIRECTS = 10;
const MAX_BODY_BYTES = 1024 * 1024;
export const CHECK_USER_AGENT = "ccms-check/1";

/** Sends one GET over an open connection and reads the answer (the body up to 1 MiB). */
export function getOver(socket: Socket, url: URL, limitMs: number, perfNow: () => number): Promise<Answer> {
  let firstByteAt: number | null = null;
  const request = http.request({
    method: "GET",
    host: url.hostname,
    path: `${url.pathname}${url.search}`,
    headers: {
      Host: url.host,
      "User-Agent": CHECK_USER_AGENT,
      Accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
      Connection: "close",
    },
    createConnection: () => socket,
  });
  const answered = new Promise<Answer>((resolve, reject) => {
    request.once("error", reject);
    request.once("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = (): void =>
        resolve({
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? "",
          location: typeof response.headers.location === "string" ? response.headers.location : null,
          contentType: response.headers["content-type"] ?? "",
          body: Buffer.concat(chunks),
          ttfbMs: (firstByteAt ?? perfNow()) - sentAt,
        });
      response.on("data", (chunk: Buffer) => {
        if (size >= MAX_BODY_BYTES) return;
        chunks.push(chunk);
        size += chunk.length;
        if (size >= MAX_BODY_BYTES) {
          finish();
          response.destroy();
        }
      });
      response.once("end", finish);
      response.once("error", reject);
    });
  });
  const sentAt = perfNow();
  socket.once("data", () => {
    firstByteAt ??= perfNow();
  });
  request.end();
  return withTimeout(answered, limitMs, () => request.destroy()).finally(() => socket.destroy());
}

/** Step 5: GET the target, following redirects; status and time to first byte. */
export async function httpStep(
  options: CheckOptions,
  deps: CheckDependencies,
  limitMs: number,
  socket: Socket,
  route: Hop,
): Promise<HttpOutcome> {
  const started = deps.perfNow();
  const left = (): number => Math.max(1, limitMs - (deps.perfNow() - started));
  const lines: string[] = [];
  let url = options.url;
  let connection: Socket | null = socket;
  let ttfbMs: number | null = null;
  let downgraded = false;
  const took = (): number => deps.perfNow() - started;
  try {
    for (let hop = 0; ; hop += 1) {
      connection ??= await openConnection(url, route, options.caPem, deps, left());
      const answer = await getOver(connection, url, left(), deps.perfNow);
      connection = null;
      ttfbMs ??= answer.ttfbMs;
      const head = `GET ${url.href} -> ${answer.status} ${answer.statusText}`;
      if (answer.status >= 300 && answer.status < 400 && answer.location) {
        const next = new URL(answer.location, url);
        lines.push(`${head} (to ${next.href})`);
        if (hop + 1 > MAX_REDIRECTS) {
          return fail(
            lines,
            `More than ${MAX_REDIRECTS} redirects.`,
            "The server (or a proxy) sends the browser round in circles; tell HKEX or your network team.",
          );
        }
        if (next.protocol !== "https:" && next.protocol !== "http:") {
          return fail(
            lines,
            `Redirected to ${next.href}, which is not a web address.`,
            `A proxy or captive portal may be redirecting (${section.proxy}).`,
          );
        }
        if (url.protocol === "https:" && next.protocol === "http:") downgraded = true;
        url = next;
        continue;
      }
      const body = answer.body.toString("utf8");
      lines.push(
        `${head}, ${answer.contentType || "no content type"}, ${answer.body.length} bytes; first byte after ${roundMs(answer.ttfbMs)} ms`,
      );
      const page = { url, status: answer.status, contentType: answer.contentType, body };
      const detail = lines.join("\n");
      if (answer.status >= 200 && answer.status < 300) {
        if (downgraded) {
          return {
            step: makeStep(
              "http",
              "warn",
              took(),
              detail,
              "The chain of redirects leaves HTTPS for plain HTTP: a proxy or portal may be in the way (" +
                section.proxy +
                ").",
            ),
            ttfbMs,
            page,
          };
        }
        return { step: makeStep("http", "pass", took(), detail), ttfbMs, page };
      }
      const hint =
        answer.status >= 500
          ? "The server answered with an error: the problem is on the server's side (or a proxy's), not this PC. Try again later; if it persists, tell HKEX."
          : answer.status === 407
            ? `A proxy demands authentication (${section.proxy}).`
            : `The server refused the page (${answer.status}); check the URL, and whether a proxy blocks it (${section.proxy}).`;
      return { step: makeStep("http", "fail", took(), detail, hint), ttfbMs, page };
    }
  } catch (error) {
    connection?.destroy();
    const code = errorCode(error);
    const why =
      error instanceof TimedOut
        ? `No answer within ${limitMs} ms.`
        : `The request failed: ${errorText(error)}${code ? ` [${code}]` : ""}.`;
    lines.push(`GET ${url.href}: ${why}`);
    return {
      step: makeStep(
        "http",
        "fail",
        took(),
        lines.join("\n"),
        error instanceof TimedOut
          ? `The server or something in between stays silent; check the firewall (${section.firewall}) and proxy (${section.proxy}).`
          : `The connection broke during the request; a firewall or proxy may interfere (${section.firewall}, ${section.proxy}).`,
      ),
      ttfbMs,
      page: null,
    };
  }

  function fail(detailLines: string[], why: string, hint: string): HttpOutcome {
    return {
      step: makeStep("http", "fail", took(), [...detailLines, why].join("\n"), hint),
      ttfbMs,
      page: null,
    };
  }
}
