import { say, type CheckMessage } from "../../../../shared/check-text/check-message.js";
import { isNetProblemKind } from "../../../../shared/net-problems.js";
import { isAppError } from "../../../../shared/errors.js";
import type { FetchFunction } from "../../http/browser-fetch.js";
import { netProblemText } from "../../http/chromium-errors.js";
import { ProxyFailure } from "../../network/proxy-problems.js";
import { section } from "../sections.js";
import { roundMs } from "../time-budget.js";
import {
  bareHost,
  errorText,
  makeStep,
  type CheckDependencies,
  type CheckOptions,
  type MadeStep,
} from "../types.js";
import { CHECK_USER_AGENT } from "./http-step.js";
import { pageStep } from "./page-step.js";

/** The browser stack as the check uses it: the sign-in's own fetch, its route, and per-host trust. */
export interface BrowserProbe {
  /** The sign-in's fetch over Chromium's stack (named failures, the proxy's challenge answered). */
  fetch: FetchFunction;
  /** The route Chromium takes to a URL, in PAC form (`session.resolveProxy`). */
  route(url: string): Promise<string>;
  /** Trusts a private CA for one host until released, as the sign-in's client does for its server. */
  trust(host: string, caPem: string): () => void;
}

const MAX_REDIRECTS = 10;
const MAX_BODY_CHARS = 1024 * 1024;

/**
 * The first step in the desktop app: "Reach the SSO page as Microsoft Edge would". The page is
 * fetched through Chromium's network stack on the app's session (the system's proxy with PAC and
 * WPAD, the Windows account for NTLM, Negotiate and Kerberos, the operating system's certificate
 * store), exactly as the sign-in reaches the server, following redirects; what answers is judged as
 * the page step judges it. When it fails, its code is the one the sign-in fails with.
 */
export async function browserStep(
  options: CheckOptions,
  deps: CheckDependencies,
  probe: BrowserProbe,
  limitMs: number,
): Promise<MadeStep> {
  const started = deps.perfNow();
  const took = (): number => deps.perfNow() - started;
  if (options.proxy) {
    return makeStep("browser", "skip", 0, [say("browser.skipped")]);
  }
  const host = bareHost(options.url.hostname);
  const release = options.caPem ? probe.trust(host, options.caPem) : () => {};
  const lines: CheckMessage[] = [];
  try {
    const route = await probe.route(options.url.href).catch(() => say("browser.routeUnknown"));
    lines.push(say("browser.through", { route }));
    let url = options.url;
    for (let hop = 0; ; hop += 1) {
      const left = Math.max(1, Math.ceil(limitMs - took()));
      const requestStarted = deps.perfNow();
      const response = await probe.fetch(url.href, {
        redirect: "manual",
        signal: AbortSignal.timeout(left),
        headers: {
          Accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
          "User-Agent": CHECK_USER_AGENT,
        },
      });
      const firstByteMs = roundMs(deps.perfNow() - requestStarted);
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel().catch(() => {});
        const next = new URL(location, url);
        lines.push(
          say("http.redirect", {
            url: url.href,
            status: response.status,
            statusText: response.statusText,
            next: next.href,
          }),
        );
        if (hop + 1 > MAX_REDIRECTS || (next.protocol !== "https:" && next.protocol !== "http:")) {
          return makeStep(
            "browser",
            "fail",
            took(),
            [...lines, say("browser.tooManyRedirects", { url: next.href })],
            [say("http.redirectingAdvice", { section: section.proxy })],
          );
        }
        url = next;
        continue;
      }
      const body = (await response.text()).slice(0, MAX_BODY_CHARS);
      const contentType = response.headers.get("content-type") ?? "";
      lines.push(
        say("browser.answer", {
          url: url.href,
          status: response.status,
          statusText: response.statusText,
          contentType: contentType || say("http.noContentType"),
          ms: firstByteMs,
        }),
      );
      if (response.status < 200 || response.status >= 300) {
        return makeStep("browser", "fail", took(), lines, [
          response.status >= 500
            ? say("http.serverErrorAdvice")
            : say("http.refusedAdvice", { status: response.status, section: section.proxy }),
        ]);
      }
      const page = pageStep({ url, status: response.status, contentType, body }, deps, host);
      return makeStep("browser", page.status, took(), [...lines, ...page.lines], page.advice);
    }
  } catch (error) {
    return failed(error, lines, options, limitMs, took());
  } finally {
    release();
  }
}

/** A failure of the browser stack, told as the sign-in tells it, with the code the sign-in fails with. */
function failed(
  error: unknown,
  lines: CheckMessage[],
  options: CheckOptions,
  limitMs: number,
  durationMs: number,
): MadeStep {
  if (error instanceof ProxyFailure) {
    return makeStep("browser", "fail", durationMs, [...lines, error.says], error.advice, error.code);
  }
  if (isAppError(error)) {
    const kind = error.details?.["netProblem"];
    const proxy = error.details?.["proxy"];
    if (isNetProblemKind(kind)) {
      const { seen, hint } = netProblemText(kind, {
        server: options.url.origin,
        proxy: typeof proxy === "string" ? proxy : null,
      });
      const name = String(error.details?.["netError"] ?? "");
      return makeStep(
        "browser",
        "fail",
        durationMs,
        [...lines, say("net.named", { seen, name })],
        [hint],
        error.code,
      );
    }
    return makeStep(
      "browser",
      "fail",
      durationMs,
      [...lines, say("browser.failedCode", { code: error.code })],
      [say("net.otherAdvice")],
      error.code,
    );
  }
  const timedOut =
    error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError");
  if (timedOut) {
    return makeStep(
      "browser",
      "fail",
      durationMs,
      [...lines, say("http.silent", { url: options.url.href, limitMs })],
      [say("http.silentAdvice", { firewallSection: section.firewall, proxySection: section.proxy })],
      "SERVER_TIMEOUT",
    );
  }
  return makeStep(
    "browser",
    "fail",
    durationMs,
    [...lines, say("http.broken", { url: options.url.href, error: errorText(error) })],
    [say("net.otherAdvice")],
  );
}
