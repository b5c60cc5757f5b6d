import type { ProxyErrorDetails } from "../../../shared/contract/network.js";
import { AppError, type ErrorCode } from "../../../shared/errors.js";
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
 * step with the same code, what was seen and the hint) and the UI (the code's
 * translated text). Nothing here ever holds a credential.
 */
export class ProxyFailure extends AppError {
  constructor(
    readonly problem: ProxyProblemCode,
    /** What happened, in one sentence. */
    readonly seen: string,
    /** What to do about it. */
    readonly hint: string,
    readonly info: ProxyErrorDetails,
  ) {
    super(problem, `${seen} ${hint}`, { ...info });
    this.name = "ProxyFailure";
  }

  /** A proxy that cannot be reached gives way to the next hop of the route (PAC's `PROXY a; DIRECT`). */
  get allowsFallback(): boolean {
    return this.problem === "PROXY_UNREACHABLE" || this.problem === "PROXY_TIMEOUT";
  }
}

const reach = `Check the proxy's address and port (Network settings, or this computer's proxy settings; ${section.proxy}) and that the firewall lets this computer reach it (${section.firewall}).`;

export function proxyUnreachable(proxy: string, reason: string): ProxyFailure {
  return new ProxyFailure("PROXY_UNREACHABLE", `Cannot reach the proxy ${proxy}: ${reason}.`, reach, {
    proxy,
  });
}

export function proxyTimedOut(proxy: string, limitMs: number): ProxyFailure {
  return new ProxyFailure(
    "PROXY_TIMEOUT",
    `The proxy ${proxy} did not answer within ${limitMs} ms.`,
    `A firewall may be dropping the traffic to the proxy, or the proxy is overloaded. ${reach}`,
    { proxy },
  );
}

export function tunnelRefused(
  proxy: string,
  target: string,
  status: number,
  statusText: string,
): ProxyFailure {
  const text = statusText ? `HTTP ${status} ${statusText}` : `HTTP ${status}`;
  return new ProxyFailure(
    "PROXY_TUNNEL_REFUSED",
    `The proxy ${proxy} refused to open a tunnel to ${target} (${text}).`,
    `Ask the network team to allow HTTPS (CONNECT) to ${target} through the proxy (${section.proxy}).`,
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
      `The proxy ${proxy} accepts only ${listOf(schemes)} authentication, which the browser shell and ccms-check do not speak (they speak Basic).`,
      `The desktop app (CCMS Terminal) reaches this proxy as Microsoft Edge does, with your Windows sign-in: sign in and run its connectivity check there (or "CCMS Terminal.exe" --check). Otherwise ask the network team to allow Basic authentication for this computer on the proxy, or to let it reach ${target} without authentication (${section.proxy}).`,
      { proxy, status: 407, schemes, credentialsSent },
    );
  }
  if (credentialsSent) {
    return new ProxyFailure(
      "PROXY_AUTH_FAILED",
      `The proxy ${proxy} refused the user name and password it was given (HTTP 407).`,
      "Enter them again, or check them with your network team: the proxy account may be locked or its password changed.",
      { proxy, status: 407, schemes, credentialsSent },
    );
  }
  return new ProxyFailure(
    "PROXY_AUTH_REQUIRED",
    `The proxy ${proxy} asks for a user name and password (HTTP 407, ${listOf(schemes.length ? schemes : ["Basic"])}).`,
    "Give the proxy's user name and password (not your CCMS password) when the app asks; the connectivity check uses the ones remembered on this computer, or those in HTTPS_PROXY.",
    { proxy, status: 407, schemes, credentialsSent },
  );
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
  if (credentialsSent) {
    return new ProxyFailure(
      "PROXY_AUTH_FAILED",
      `The proxy ${proxy} refused the user name and password it was given (HTTP 407).`,
      "Enter them again, or check them with your network team: the proxy account may be locked or its password changed.",
      { proxy, status: 407, schemes, credentialsSent },
    );
  }
  return new ProxyFailure(
    "PROXY_AUTH_REQUIRED",
    `The proxy ${proxy} asks for a user name and password (HTTP 407${schemes.length ? `, ${schemes.join("")}` : ""}).`,
    "Give the proxy's user name and password (not your CCMS password) when the app asks.",
    { proxy, status: 407, schemes, credentialsSent },
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

function listOf(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1) ?? ""}`;
}
