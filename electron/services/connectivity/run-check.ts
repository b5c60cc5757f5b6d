import type { Socket } from "node:net";
import { say, type CheckMessage } from "../../../shared/check-text/check-message.js";
import type { CheckResult, CheckStep, CheckStepId } from "../../../shared/contract/connectivity.js";
import { browserStep } from "./steps/browser-step.js";
import { dnsStep } from "./steps/dns-step.js";
import { httpStep, type HttpPage } from "./steps/http-step.js";
import { pageStep } from "./steps/page-step.js";
import { proxyStep } from "./steps/proxy-step.js";
import { tcpStep } from "./steps/tcp-step.js";
import { tlsStep } from "./steps/tls-step.js";
import { trustContext } from "./secure-context.js";
import { TimeBudget } from "./time-budget.js";
import { bareHost, makeStep, worstOf, type CheckDependencies, type CheckOptions } from "./types.js";

/** The whole run may take at most this many per-step timeouts. */
export const RUN_BUDGET_STEPS = 3;

/**
 * Runs the steps: in the desktop app first the browser stack's (as Edge), then the six phase
 * steps. Proxy and DNS run at the same time, DNS asks all its
 * servers at once and TCP tries every address at once; each step gets at
 * most the timeout and the whole run at most RUN_BUDGET_STEPS timeouts.
 */
export async function runCheck(
  options: CheckOptions,
  deps: CheckDependencies,
  onStep: (step: CheckStep) => void = () => {},
): Promise<CheckResult> {
  const startedAt = deps.now();
  const started = deps.perfNow();
  const steps: CheckStep[] = [];
  // In the desktop app the browser stack's step comes first and has a time limit of its own; when it
  // reaches the page, a phase step's failure cannot stop the sign-in and is told as a warning.
  let browser: CheckStep | null = null;
  if (deps.browser) {
    browser = await browserStep(options, deps, deps.browser, options.timeoutMs);
    steps.push(browser);
    onStep(browser);
  }
  const reached = browser !== null && (browser.status === "pass" || browser.status === "warn");
  const budget = new TimeBudget(options.timeoutMs, options.timeoutMs * RUN_BUDGET_STEPS, deps.perfNow);
  const record = (found: CheckStep): CheckStep => {
    const step = reached ? notBlocking(found) : found;
    steps.push(step);
    onStep(step);
    return step;
  };
  const skip = (id: CheckStepId, why: CheckMessage): void => {
    record(makeStep(id, "skip", 0, [why]));
  };
  const outOfTime = say("skip.budget", { ms: options.timeoutMs * RUN_BUDGET_STEPS });
  const noConnection = say("skip.noConnection");
  const timings = {
    dnsMs: null as number | null,
    connectMs: null as number | null,
    tlsMs: null as number | null,
    ttfbMs: null as number | null,
  };
  let open: Socket | null = null;

  try {
    const proxyRun = proxyStep(options, deps, budget.forStep()).then((outcome) => {
      record(outcome.step);
      return outcome;
    });
    const dns = await dnsStep(
      options,
      deps,
      budget.forStep(),
      proxyRun.then((outcome) => outcome.decision.hops[0]?.kind === "proxy"),
    );
    const { decision } = await proxyRun;
    record(dns.step);
    timings.dnsMs = dns.systemMs;

    const https = options.url.protocol === "https:";
    const canConnect = decision.hops.some((hop) => hop.kind === "proxy") || dns.addresses.length > 0;
    if (!canConnect) {
      skip("tcp", say("skip.noAddress"));
      for (const id of ["tls", "http", "page"] as const) skip(id, noConnection);
      return finish();
    }
    if (budget.forStep() === 0) return finishSkipping(["tcp", "tls", "http", "page"], outOfTime);
    // Built between steps so that reading the trust store is not counted as handshake time.
    if (https) trustContext(options.caPem);
    const tcp = await tcpStep(options, deps, budget.forStep(), decision, dns.addresses);
    record(tcp.step);
    open = tcp.socket;
    timings.connectMs = tcp.connectMs;
    if (!tcp.socket || !tcp.hop) return finishSkipping(["tls", "http", "page"], noConnection);

    let connection: Socket = tcp.socket;
    if (https) {
      if (budget.forStep() === 0) return finishSkipping(["tls", "http", "page"], outOfTime);
      const tls = await tlsStep(options, deps, budget.forStep(), tcp.socket);
      record(tls.step);
      timings.tlsMs = tls.tlsMs;
      if (!tls.socket) {
        open = null;
        return finishSkipping(["http", "page"], say("skip.untrusted"));
      }
      connection = tls.socket;
      open = tls.socket;
    } else {
      skip("tls", say("skip.plainHttp"));
    }

    if (budget.forStep() === 0) return finishSkipping(["http", "page"], outOfTime);
    const http = await httpStep(options, deps, budget.forStep(), connection, tcp.hop);
    open = null;
    record(http.step);
    timings.ttfbMs = http.ttfbMs;
    const page: HttpPage | null = http.page;
    record(pageStep(page, deps, bareHost(options.url.hostname)));
    return finish();
  } finally {
    open?.destroy();
  }

  function finishSkipping(ids: CheckStepId[], why: CheckMessage): CheckResult {
    for (const id of ids) skip(id, why);
    return finish();
  }

  function finish(): CheckResult {
    return {
      status: worstOf(steps.map((step) => step.status)),
      startedAt: startedAt.toISOString(),
      target: options.url.href,
      steps,
      timings: {
        dnsMs: round(timings.dnsMs),
        connectMs: round(timings.connectMs),
        tlsMs: round(timings.tlsMs),
        ttfbMs: round(timings.ttfbMs),
        totalMs: round(deps.perfNow() - started) ?? 0,
      },
    };
  }
}

/** A phase step's failure when the browser stack reached the page: worth a look, not a blocker. */
function notBlocking(step: CheckStep): CheckStep {
  const lines = step.lines ?? [];
  const advice = step.advice ?? [];
  if (step.status !== "fail") return step;
  return makeStep(step.id, "warn", step.durationMs, lines, [say("browser.notBlockingAdvice"), ...advice]);
}

const round = (ms: number | null): number | null => (ms === null ? null : Math.round(ms * 10) / 10);
