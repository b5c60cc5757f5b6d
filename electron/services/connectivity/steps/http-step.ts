import http from "node:http";
import type { Socket } from "node:net";
import { say, type CheckMessage } from "../../../../shared/check-text/check-message.js";
import type { Hop } from "../../network/proxy-answer.js";
import { openConnection } from "../open-connection.js";
import { section } from "../sections.js";
import { roundMs, TimedOut, withTimeout } from "../time-budget.js";
import {
  errorCode,
  errorText,
  makeStep,
  type CheckDependencies,
  type CheckOptions,
  type MadeStep,
} from "../types.js";

export interface HttpPage {
  url: URL;
  status: number;
  contentType: string;
  body: string;
}

export interface HttpOutcome {
  step: MadeStep;
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
  const lines: CheckMessage[] = [];
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
      const head = { url: url.href, status: answer.status, statusText: answer.statusText };
      if (answer.status >= 300 && answer.status < 400 && answer.location) {
        const next = new URL(answer.location, url);
        lines.push(say("http.redirect", { ...head, next: next.href }));
        if (hop + 1 > MAX_REDIRECTS) {
          return fail(
            lines,
            say("http.tooManyRedirects", { max: MAX_REDIRECTS }),
            say("http.tooManyRedirectsAdvice"),
          );
        }
        if (next.protocol !== "https:" && next.protocol !== "http:") {
          return fail(
            lines,
            say("http.notWeb", { url: next.href }),
            say("http.redirectingAdvice", { section: section.proxy }),
          );
        }
        if (url.protocol === "https:" && next.protocol === "http:") downgraded = true;
        url = next;
        continue;
      }
      const body = answer.body.toString("utf8");
      lines.push(
        say("http.answer", {
          ...head,
          contentType: answer.contentType || say("http.noContentType"),
          bytes: answer.body.length,
          ms: roundMs(answer.ttfbMs),
        }),
      );
      const page = { url, status: answer.status, contentType: answer.contentType, body };
      if (answer.status >= 200 && answer.status < 300) {
        if (downgraded) {
          return {
            step: makeStep("http", "warn", took(), lines, [
              say("http.downgradeAdvice", { section: section.proxy }),
            ]),
            ttfbMs,
            page,
          };
        }
        return { step: makeStep("http", "pass", took(), lines), ttfbMs, page };
      }
      const hint =
        answer.status >= 500
          ? say("http.serverErrorAdvice")
          : answer.status === 407
            ? say("http.proxyAuthAdvice", { section: section.proxy })
            : say("http.refusedAdvice", { status: answer.status, section: section.proxy });
      return { step: makeStep("http", "fail", took(), lines, [hint]), ttfbMs, page };
    }
  } catch (error) {
    connection?.destroy();
    const code = errorCode(error);
    const sections = { firewallSection: section.firewall, proxySection: section.proxy };
    lines.push(
      error instanceof TimedOut
        ? say("http.silent", { url: url.href, limitMs })
        : code
          ? say("http.brokenCode", { url: url.href, error: errorText(error), code })
          : say("http.broken", { url: url.href, error: errorText(error) }),
    );
    return {
      step: makeStep("http", "fail", took(), lines, [
        error instanceof TimedOut ? say("http.silentAdvice", sections) : say("http.brokenAdvice", sections),
      ]),
      ttfbMs,
      page: null,
    };
  }

  function fail(detailLines: CheckMessage[], why: CheckMessage, hint: CheckMessage): HttpOutcome {
    return {
      step: makeStep("http", "fail", took(), [...detailLines, why], [hint]),
      ttfbMs,
      page: null,
    };
  }
}
