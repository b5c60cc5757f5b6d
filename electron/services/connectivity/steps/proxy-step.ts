import type { CheckStep } from "../../../../shared/contract/connectivity.js";
import { parsePacAnswer } from "../proxy-config.js";
import { section } from "../sections.js";
import { withTimeout } from "../time-budget.js";
import { errorText, makeStep, redactUrl, type CheckDependencies, type CheckOptions } from "../types.js";

export interface ProxyOutcome {
  step: CheckStep;
  proxy: URL | null;
}

/** Step 1: which proxy (if any) the connection to the target goes through. */
export async function proxyStep(
  options: CheckOptions,
  deps: CheckDependencies,
  limitMs: number,
): Promise<ProxyOutcome> {
  const started = deps.perfNow();
  const took = (): number => deps.perfNow() - started;
  if (options.proxy) {
    return {
      proxy: options.proxy,
      step: makeStep("proxy", "pass", took(), `Using the proxy given: ${redactUrl(options.proxy)}.`),
    };
  }
  let answer: string;
  try {
    answer = await withTimeout(deps.resolveProxy(options.url.href), limitMs);
  } catch (error) {
    return {
      proxy: null,
      step: makeStep(
        "proxy",
        "warn",
        took(),
        `Could not ask the system which proxy to use (${errorText(error)}); trying a direct connection.`,
        `If this PC must use a proxy, check its proxy settings (${section.proxy}) or give one with --proxy.`,
      ),
    };
  }
  const choice = parsePacAnswer(answer);
  const ignored = choice.unsupported.length
    ? ` Ignored entries this check cannot use: ${choice.unsupported.join("; ")}.`
    : "";
  if (choice.proxy) {
    return {
      proxy: choice.proxy,
      step: makeStep(
        "proxy",
        choice.unsupported.length ? "warn" : "pass",
        took(),
        `The system uses the proxy ${redactUrl(choice.proxy)} for this address.${ignored}`,
        choice.unsupported.length ? `Only HTTP proxies are tested; see ${section.proxy}.` : null,
      ),
    };
  }
  if (choice.unsupported.length) {
    return {
      proxy: null,
      step: makeStep(
        "proxy",
        "warn",
        took(),
        `The system's proxy answer is "${answer}".${ignored} Trying a direct connection.`,
        `This check tests HTTP proxies only; configure an HTTP proxy for ${options.url.hostname} (${section.proxy}) or test from a browser.`,
      ),
    };
  }
  return {
    proxy: null,
    step: makeStep("proxy", "pass", took(), "No proxy: the connection goes direct."),
  };
}
