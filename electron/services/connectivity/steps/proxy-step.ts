import { say, type CheckMessage } from "../../../../shared/check-text/check-message.js";
import { endpointOf } from "../../network/proxy-answer.js";
import { givenRoute, type RouteDecision } from "../../network/route-decision.js";
import { section } from "../sections.js";
import { withTimeout } from "../time-budget.js";
import {
  errorText,
  makeStep,
  redactUrl,
  type CheckDependencies,
  type CheckOptions,
  type MadeStep,
} from "../types.js";

export interface ProxyOutcome {
  step: MadeStep;
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
      step: makeStep("proxy", "pass", took(), [say("route.givenProxy", { proxy: redactUrl(options.proxy) })]),
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
      problem: say("route.unknown", { reason: errorText(error) }),
    };
  }
  return { decision, step: describeDecision(decision, took(), options.url.hostname) };
}

function describeDecision(decision: RouteDecision, durationMs: number, host: string): MadeStep {
  if (decision.problem) {
    return makeStep(
      "proxy",
      "warn",
      durationMs,
      [decision.problem],
      [say("route.unknownAdvice", { section: section.proxy })],
    );
  }
  const ignored = decision.unsupported.length
    ? [say("route.ignored", { entries: decision.unsupported.join("; ") })]
    : [];
  const lines = [whence(decision, host), ...ignored];
  if (decision.unsupported.length) {
    return makeStep("proxy", "warn", durationMs, lines, [
      say("route.unsupportedAdvice", { host, section: section.proxy }),
    ]);
  }
  return makeStep("proxy", "pass", durationMs, lines);
}

/** The proxies of a route in order ("a, then b"), as one value. */
function inTurn(proxies: string[]): string | CheckMessage {
  const [first = "", ...rest] = proxies;
  return rest.length ? say("route.then", { first, next: inTurn(rest) }) : first;
}

/** Where the route came from. */
function whence(decision: RouteDecision, host: string): CheckMessage {
  const proxies = decision.hops.flatMap((hop) => (hop.kind === "proxy" ? [endpointOf(hop.proxy)] : []));
  const thenDirect = decision.hops.at(-1)?.kind === "direct";
  const route = proxies.length
    ? say(thenDirect ? "route.proxiesThenDirect" : "route.proxies", { proxies: inTurn(proxies) })
    : say("route.direct");
  switch (decision.source) {
    case "builtin":
      return say("route.builtin");
    case "none":
      return say("route.none");
    case "manual":
      return say("route.manual", { route });
    case "system":
      return say("route.system", { answer: decision.answer, route });
    case "flag":
      return say("route.flag", { route });
    case "given":
      return say("route.given", { route });
    case "environment":
      if (decision.via === null) return say("route.environmentNone");
      if (decision.via.toUpperCase() === "NO_PROXY")
        return say("route.environmentExempt", { variable: decision.via, host });
      return say("route.environment", { variable: decision.via, route });
  }
}
