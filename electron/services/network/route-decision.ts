import { say, type CheckMessage } from "../../../shared/check-text/check-message.js";
import type { ProxySetting, RouteSource, RouteView } from "../../../shared/contract/network.js";
import { envRoute, type Env } from "./env-proxy.js";
import { withTimeout } from "../util/with-timeout.js";
import { answerOf, endpointOf, parsePacAnswer, splitCredentials, type Hop } from "./proxy-answer.js";

/** The route to one address: what to try in order, and why. Credentials ride on the hops, never in `answer`. */
export interface RouteDecision {
  target: URL;
  source: RouteSource;
  via: string | null;
  answer: string;
  hops: Hop[];
  unsupported: string[];
  /** Why the route could not be decided as asked, as a message the app words; the route then goes direct. */
  problem: CheckMessage | null;
}

export interface RouteInputs {
  setting: ProxySetting;
  /** The system's proxy for a URL in PAC form (Electron: `session.resolveProxy`, PAC scripts included). */
  systemResolver?: ((url: string) => Promise<string>) | undefined;
  /** The shell's or CLI's `--proxy` (may carry credentials). */
  flagProxy?: URL | null | undefined;
  env: Env;
  /** How long the system may take to answer. */
  timeoutMs?: number | undefined;
}

const SYSTEM_TIMEOUT_MS = 5000;

/**
 * The one route decision for everything that talks to a 2FA server (sign-in,
 * its factors, the session, the mailbox, DA administration, the simulator's
 * status and the connectivity check). The setting decides first: no proxy, a
 * manual proxy, or the system's; "the system's" is Electron's
 * `session.resolveProxy` in the desktop app and `--proxy` or the environment
 * (`HTTPS_PROXY`, `NO_PROXY`, …) in the browser shell and on the command line.
 */
export async function decideRoute(target: URL, inputs: RouteInputs): Promise<RouteDecision> {
  const base = { target, unsupported: [] as string[], problem: null };
  const { setting } = inputs;
  if (setting.mode === "none") {
    return { ...base, source: "none", via: null, answer: "DIRECT", hops: [{ kind: "direct" }] };
  }
  if (setting.mode === "manual") {
    const hops: Hop[] = [{ kind: "proxy", proxy: new URL(setting.proxy), credentials: null }];
    return { ...base, source: "manual", via: null, answer: answerOf(hops), hops };
  }
  if (inputs.systemResolver) {
    let answer: string;
    try {
      answer = await withTimeout(inputs.systemResolver(target.href), inputs.timeoutMs ?? SYSTEM_TIMEOUT_MS);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return {
        ...base,
        source: "system",
        via: "session.resolveProxy",
        answer: "DIRECT",
        hops: [{ kind: "direct" }],
        problem: say("route.systemUnanswered", { reason }),
      };
    }
    const parsed = parsePacAnswer(answer);
    return {
      ...base,
      source: "system",
      via: "session.resolveProxy",
      answer: answerOf(parsed.hops),
      hops: parsed.hops,
      unsupported: parsed.unsupported,
    };
  }
  if (inputs.flagProxy) return givenRoute(target, inputs.flagProxy, "flag", "--proxy");
  const fromEnv = envRoute(target, inputs.env);
  return { ...base, source: "environment", ...fromEnv };
}

/** A route through one proxy named outright (`--proxy`, or the proxy field of a check). */
export function givenRoute(
  target: URL,
  proxyUrl: URL,
  source: RouteSource,
  via: string | null,
): RouteDecision {
  const { proxy, credentials } = splitCredentials(proxyUrl);
  const hops: Hop[] = [{ kind: "proxy", proxy, credentials }];
  return { target, source, via, answer: answerOf(hops), hops, unsupported: [], problem: null };
}

/** The built-in simulator runs inside the app: its connection never leaves this computer. */
export function builtinRoute(target: URL): RouteDecision {
  return {
    target,
    source: "builtin",
    via: null,
    answer: "DIRECT",
    hops: [{ kind: "direct" }],
    unsupported: [],
    problem: null,
  };
}

/** What the UI may see of a decision: no credentials. */
export function routeView(decision: RouteDecision): RouteView {
  return {
    target: decision.target.href,
    source: decision.source,
    via: decision.via,
    answer: decision.answer,
    hops: decision.hops.map((hop) =>
      hop.kind === "direct"
        ? { kind: "direct", proxy: null }
        : { kind: "proxy", proxy: endpointOf(hop.proxy) },
    ),
    unsupported: decision.unsupported,
    problem: decision.problem,
  };
}
