import type { CheckStep } from "../../../../shared/contract/connectivity.js";
import { endpointOf } from "../../network/proxy-answer.js";
import { givenRoute, type RouteDecision } from "../../network/route-decision.js";
import { section } from "../sections.js";
import { withTimeout } from "../time-budget.js";
import { errorText, makeStep, redactUrl, type CheckDependencies, type CheckOptions } from "../types.js";

export interface ProxyOutcome {
  step: CheckStep;
  decision: RouteDecision;
}

/** Step 1: the route to the target, decided as the sign-in decides it (or the proxy given for this run). */
export async function proxyStep(
  options: CheckOptions,
  deps: CheckDependencies,
  limitMs: number,
): Promise<ProxyOutcome> {
  const started = deps.perfNow();
  const took = (): number => deps.perfNow() - started;
  if (options.proxy) {
    const decision = givenRoute(options.url, options.proxy, "given", null);
    return {
      decision,
      step: makeStep("proxy", "pass", took(), `Using the proxy given: ${redactUrl(options.proxy)}.`),
    };
  }
  let decision: RouteDecision;
  try {
    decision = await withTimeout(deps.router.decide(options.url), limitMs);
  } catch (error) {
    decision = {
      target: options.url,
      source: "system",
      via: null,
      answer: "DIRECT",
      hops: [{ kind: "direct" }],
      unsupported: [],
      problem: `Could not ask which proxy to use (${errorText(error)}); trying a direct connection.`,
    };
  }
  return { decision, step: describeDecision(decision, took(), options.url.hostname) };
}

function describeDecision(decision: RouteDecision, durationMs: number, host: string): CheckStep {
  const ignored = decision.unsupported.length
    ? ` Ignored entries this app cannot use: ${decision.unsupported.join("; ")}.`
    : "";
  if (decision.problem) {
    return makeStep(
      "proxy",
      "warn",
      durationMs,
      decision.problem,
      `If this PC must use a proxy, check its proxy settings (${section.proxy}) or choose one in the app's Network settings.`,
    );
  }
  const detail = `${whence(decision, host)}${ignored}`;
  if (decision.unsupported.length) {
    return makeStep(
      "proxy",
      "warn",
      durationMs,
      detail,
      `This app uses HTTP proxies only; configure an HTTP proxy for ${host} (${section.proxy}).`,
    );
  }
  return makeStep("proxy", "pass", durationMs, detail);
}

/** Where the route came from, in words. */
function whence(decision: RouteDecision, host: string): string {
  const proxies = decision.hops.flatMap((hop) => (hop.kind === "proxy" ? [endpointOf(hop.proxy)] : []));
  const route = proxies.length
    ? `the proxy ${proxies.join(", then ")}${decision.hops.at(-1)?.kind === "direct" ? ", then direct" : ""}`
    : "a direct connection";
  switch (decision.source) {
    case "builtin":
      return "The built-in simulator runs inside this app: a direct connection, no proxy.";
    case "none":
      return "The app's Network setting says no proxy: a direct connection.";
    case "manual":
      return `The app's Network setting names ${route}.`;
    case "system":
      return `The system's proxy settings (PAC scripts included) answer "${decision.answer}" for this address: ${route}.`;
    case "flag":
      return `--proxy names ${route}.`;
    case "given":
      return `Using ${route}, as given.`;
    case "environment":
      if (decision.via === null)
        return "No proxy in the environment (HTTPS_PROXY, ALL_PROXY): a direct connection.";
      if (decision.via.toUpperCase() === "NO_PROXY")
        return `${decision.via} exempts ${host}: a direct connection.`;
      return `${decision.via} names ${route}.`;
  }
}
