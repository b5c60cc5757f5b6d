import type { ProxyErrorDetails } from "../../../shared/contract/network.js";
import { AppError, type ErrorCode } from "../../../shared/errors.js";
import { say, type CheckMessage } from "../../../shared/check-text/check-message.js";
import { allInEnglish, inEnglish } from "../../../shared/check-text/english.js";
import { section } from "../connectivity/sections.js";

export type ProxyProblemCode = Extract<
  ErrorCode,
  | "PROXY_UNREACHABLE"
  | "PROXY_TIMEOUT"
  | "PROXY_TUNNEL_REFUSED"
  | "PROXY_AUTH_REQUIRED"
  | "PROXY_AUTH_FAILED"
  | "PROXY_AUTH_UNSUPPORTED"
>;

/**
 * A failure at the proxy, named once for everyone who reports it: the sign-in
 * (an error with this code, message and details), the connectivity check (a
 * step with the same code, what was seen and the advice, as messages the app
 * words in the person's language) and the UI (the code's translated text).
 * Nothing here ever holds a credential.
 */
export class ProxyFailure extends AppError {
  constructor(
    readonly problem: ProxyProblemCode,
    /** What happened, in one sentence. */
    readonly says: CheckMessage,
    /** What to do about it. */
    readonly advice: CheckMessage[],
    readonly info: ProxyErrorDetails,
  ) {
    super(problem, `${inEnglish(says)} ${allInEnglish(advice)}`, { ...info });
    this.name = "ProxyFailure";
  }

  /** A proxy that cannot be reached gives way to the next hop of the route (PAC's `PROXY a; DIRECT`). */
  get allowsFallback(): boolean {
    return this.problem === "PROXY_UNREACHABLE" || this.problem === "PROXY_TIMEOUT";
  }
}

const reach = say("proxy.reachAdvice", { proxySection: section.proxy, firewallSection: section.firewall });

/** Why a connection to a proxy failed (Node's codes; never anything the request carried). */
export function proxyUnreachable(proxy: string, reason: CheckMessage): ProxyFailure {
  return new ProxyFailure("PROXY_UNREACHABLE", say("proxy.unreachable", { proxy, reason }), [reach], {
    proxy,
  });
}

export function proxyTimedOut(proxy: string, limitMs: number): ProxyFailure {
  return new ProxyFailure(
    "PROXY_TIMEOUT",
    say("proxy.timedOut", { proxy, limitMs }),
    [say("proxy.timedOutAdvice"), reach],
    { proxy },
  );
}

export function tunnelRefused(
  proxy: string,
  target: string,
  status: number,
  statusText: string,
): ProxyFailure {
  const answer = statusText ? `HTTP ${status} ${statusText}` : `HTTP ${status}`;
  return new ProxyFailure(
    "PROXY_TUNNEL_REFUSED",
    say("proxy.tunnelRefused", { proxy, target, answer }),
    [say("proxy.tunnelRefusedAdvice", { target, section: section.proxy })],
    { proxy, status },
  );
}

/**
 * A 407 on the Node route (the browser shell, ccms-check): the proxy wants credentials. Basic is the
 * scheme Node's tunnel speaks; a proxy offering only others (NTLM, Negotiate) is named as such, and
 * the desktop app, which reaches it as Edge does, is named as the way through.
 */
export function authenticationProblem(
  proxy: string,
  target: string,
  offered: string[],
  credentialsSent: boolean,
): ProxyFailure {
  const schemes = offered.map(canonicalScheme);
  const basic = schemes.length === 0 || schemes.includes("Basic");
  if (!basic) {
    return new ProxyFailure(
      "PROXY_AUTH_UNSUPPORTED",
      say("proxy.authUnsupported", { proxy, schemes: { list: schemes, and: true } }),
      [say("proxy.authUnsupportedAdvice", { target, section: section.proxy })],
      { proxy, status: 407, schemes, credentialsSent },
    );
  }
  return credentialsProblem(proxy, schemes, credentialsSent, say("proxy.authRequiredAdvice"));
}

/**
 * A 407 in the desktop app: Chromium asked for the proxy's credentials (its `login` event) and got
 * none, or got ones the proxy refused. Whatever the scheme (Basic, or NTLM and Negotiate when the
 * Windows sign-in was not enough), the person can give a user name and password.
 */
export function proxyLoginProblem(
  proxy: string,
  scheme: string | null,
  credentialsSent: boolean,
): ProxyFailure {
  const schemes = scheme ? [canonicalScheme(scheme)] : [];
  return credentialsProblem(proxy, schemes, credentialsSent, say("net.proxyAuthAdvice"));
}

/** A 407 a user name and password can answer: refused when some were sent, else asked for. */
function credentialsProblem(
  proxy: string,
  schemes: string[],
  credentialsSent: boolean,
  askAdvice: CheckMessage,
): ProxyFailure {
  const info = { proxy, status: 407, schemes, credentialsSent };
  if (credentialsSent) {
    return new ProxyFailure(
      "PROXY_AUTH_FAILED",
      say("proxy.authFailed", { proxy }),
      [say("proxy.authFailedAdvice")],
      info,
    );
  }
  const asked = { list: schemes.length ? schemes : ["Basic"], and: true } as const;
  return new ProxyFailure(
    "PROXY_AUTH_REQUIRED",
    say("proxy.authRequired", { proxy, schemes: asked }),
    [askAdvice],
    info,
  );
}

/** The schemes of `Proxy-Authenticate` headers ("NTLM", "Negotiate", `Basic realm="a, b"`…). */
export function offeredSchemes(header: string | string[] | undefined): string[] {
  const values = header === undefined ? [] : Array.isArray(header) ? header : [header];
  const schemes: string[] = [];
  for (const value of values) {
    // Quoted parameter values may hold commas and words: out of the way first.
    const plain = value.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    for (const challenge of plain.split(",")) {
      // A challenge starts with its scheme; "name=value" after a comma is another parameter.
      const match = /^\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)(?:\s+|$)(?!=)/.exec(challenge);
      if (match?.[1]) schemes.push(match[1]);
    }
  }
  return [...new Set(schemes.map(canonicalScheme))];
}

const knownSchemes = ["Basic", "Digest", "NTLM", "Negotiate", "Kerberos", "Bearer"];

function canonicalScheme(scheme: string): string {
  return knownSchemes.find((known) => known.toLowerCase() === scheme.toLowerCase()) ?? scheme;
}
