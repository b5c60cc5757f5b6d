import type { NetProblemKind } from "../../../shared/net-problems.js";
import { AppError, type ErrorCode } from "../../../shared/errors.js";
import { say, type CheckMessage } from "../../../shared/check-text/check-message.js";
import { inEnglish } from "../../../shared/check-text/english.js";
import { section } from "../connectivity/sections.js";

/** What one of Chromium's errors means here: the error code the app reports, and the kind of problem. */
export interface ChromiumErrorMeaning {
  code: ErrorCode;
  kind: NetProblemKind;
}

const at = (code: ErrorCode, kind: NetProblemKind): ChromiumErrorMeaning => ({ code, kind });

/**
 * Chromium's network errors (`net::ERR_*`, as Electron's `net` module reports them; the list is
 * Chromium's `net/base/net_error_list.h`) and what each means for the sign-in and the check. An error
 * missing here is still reported, by name, as SERVER_UNREACHABLE of kind "other".
 */
export const chromiumErrors = {
  // The name of the server
  ERR_NAME_NOT_RESOLVED: at("SERVER_UNREACHABLE", "dns"),
  ERR_NAME_RESOLUTION_FAILED: at("SERVER_UNREACHABLE", "dns"),
  ERR_DNS_TIMED_OUT: at("SERVER_UNREACHABLE", "dns"),
  // The connection
  ERR_CONNECTION_REFUSED: at("SERVER_UNREACHABLE", "refused"),
  ERR_CONNECTION_RESET: at("SERVER_UNREACHABLE", "reset"),
  ERR_CONNECTION_CLOSED: at("SERVER_UNREACHABLE", "reset"),
  ERR_CONNECTION_ABORTED: at("SERVER_UNREACHABLE", "reset"),
  ERR_EMPTY_RESPONSE: at("SERVER_UNREACHABLE", "reset"),
  ERR_CONNECTION_FAILED: at("SERVER_UNREACHABLE", "other"),
  ERR_ADDRESS_INVALID: at("SERVER_UNREACHABLE", "other"),
  ERR_ADDRESS_UNREACHABLE: at("SERVER_UNREACHABLE", "offline"),
  ERR_INTERNET_DISCONNECTED: at("SERVER_UNREACHABLE", "offline"),
  ERR_NETWORK_CHANGED: at("SERVER_UNREACHABLE", "offline"),
  ERR_TIMED_OUT: at("SERVER_TIMEOUT", "timeout"),
  ERR_CONNECTION_TIMED_OUT: at("SERVER_TIMEOUT", "timeout"),
  // Policy on this computer
  ERR_NETWORK_ACCESS_DENIED: at("SERVER_UNREACHABLE", "blocked"),
  ERR_BLOCKED_BY_ADMINISTRATOR: at("SERVER_UNREACHABLE", "blocked"),
  ERR_BLOCKED_BY_CLIENT: at("SERVER_UNREACHABLE", "blocked"),
  // The proxy
  ERR_PROXY_CONNECTION_FAILED: at("PROXY_UNREACHABLE", "proxyDown"),
  ERR_PROXY_CERTIFICATE_INVALID: at("PROXY_UNREACHABLE", "proxyDown"),
  ERR_MANDATORY_PROXY_CONFIGURATION_FAILED: at("PROXY_UNREACHABLE", "proxyScript"),
  ERR_NO_SUPPORTED_PROXIES: at("PROXY_UNREACHABLE", "proxyScript"),
  ERR_TUNNEL_CONNECTION_FAILED: at("PROXY_TUNNEL_REFUSED", "tunnel"),
  ERR_PROXY_AUTH_REQUESTED: at("PROXY_AUTH_REQUIRED", "proxyAuth"),
  ERR_PROXY_AUTH_UNSUPPORTED: at("PROXY_AUTH_UNSUPPORTED", "proxyAuthUnsupported"),
  ERR_UNSUPPORTED_AUTH_SCHEME: at("PROXY_AUTH_UNSUPPORTED", "proxyAuthUnsupported"),
  ERR_MISCONFIGURED_AUTH_ENVIRONMENT: at("PROXY_AUTH_UNSUPPORTED", "proxyAuthUnsupported"),
  ERR_INVALID_AUTH_CREDENTIALS: at("PROXY_AUTH_UNSUPPORTED", "proxyAuthUnsupported"),
  // The server's certificate
  ERR_CERT_AUTHORITY_INVALID: at("TLS_UNTRUSTED", "untrusted"),
  ERR_CERT_INVALID: at("TLS_UNTRUSTED", "untrusted"),
  ERR_CERT_CONTAINS_ERRORS: at("TLS_UNTRUSTED", "untrusted"),
  ERR_CERT_REVOKED: at("TLS_UNTRUSTED", "untrusted"),
  ERR_CERT_UNABLE_TO_CHECK_REVOCATION: at("TLS_UNTRUSTED", "untrusted"),
  ERR_CERT_NO_REVOCATION_MECHANISM: at("TLS_UNTRUSTED", "untrusted"),
  ERR_CERT_WEAK_SIGNATURE_ALGORITHM: at("TLS_UNTRUSTED", "untrusted"),
  ERR_CERT_WEAK_KEY: at("TLS_UNTRUSTED", "untrusted"),
  ERR_CERT_NON_UNIQUE_NAME: at("TLS_UNTRUSTED", "untrusted"),
  ERR_CERT_NAME_CONSTRAINT_VIOLATION: at("TLS_UNTRUSTED", "untrusted"),
  ERR_CERT_VALIDITY_TOO_LONG: at("TLS_UNTRUSTED", "untrusted"),
  ERR_CERTIFICATE_TRANSPARENCY_REQUIRED: at("TLS_UNTRUSTED", "untrusted"),
  ERR_CERT_SYMANTEC_LEGACY: at("TLS_UNTRUSTED", "untrusted"),
  ERR_CERT_KNOWN_INTERCEPTION_BLOCKED: at("TLS_UNTRUSTED", "untrusted"),
  ERR_CERT_COMMON_NAME_INVALID: at("TLS_HOSTNAME_MISMATCH", "hostName"),
  ERR_CERT_DATE_INVALID: at("TLS_EXPIRED", "date"),
  // The TLS handshake
  ERR_SSL_PROTOCOL_ERROR: at("TLS_HANDSHAKE_FAILED", "handshake"),
  ERR_SSL_VERSION_OR_CIPHER_MISMATCH: at("TLS_HANDSHAKE_FAILED", "handshake"),
  ERR_SSL_BAD_RECORD_MAC_ALERT: at("TLS_HANDSHAKE_FAILED", "handshake"),
  ERR_SSL_UNRECOGNIZED_NAME_ALERT: at("TLS_HANDSHAKE_FAILED", "handshake"),
  ERR_SSL_CLIENT_AUTH_CERT_NEEDED: at("TLS_HANDSHAKE_FAILED", "handshake"),
  ERR_BAD_SSL_CLIENT_AUTH_CERT: at("TLS_HANDSHAKE_FAILED", "handshake"),
  ERR_ALPN_NEGOTIATION_FAILED: at("TLS_HANDSHAKE_FAILED", "handshake"),
  // Anything else
  ERR_FAILED: at("SERVER_UNREACHABLE", "other"),
  ERR_ABORTED: at("SERVER_UNREACHABLE", "other"),
} as const satisfies Record<string, ChromiumErrorMeaning>;

export type ChromiumErrorName = keyof typeof chromiumErrors;

/** Where a failure happened, for the sentences: the server's origin and, for a proxy's failure, the proxy. */
export interface FailurePlace {
  server: string;
  /** `host:port` of the proxy (or proxies, comma-separated) the route went through; null when direct. */
  proxy: string | null;
}

/**
 * What was seen and what to do for a kind of failure at a place, as messages: worded in English for logs
 * and reports, in the page's language on screen.
 */
export function netProblemText(
  kind: NetProblemKind,
  place: FailurePlace,
): { seen: CheckMessage; hint: CheckMessage } {
  const values = {
    server: place.server,
    proxy: place.proxy ?? say("net.thisComputersProxy"),
    dnsSection: section.dns,
    firewallSection: section.firewall,
    proxySection: section.proxy,
  };
  return { seen: say(`net.${kind}`, values), hint: say(`net.${kind}Advice`, values) };
}

/** `ERR_NAME_NOT_RESOLVED` from an error of Electron's `net` module (`net::ERR_NAME_NOT_RESOLVED`), else null. */
export function chromiumErrorNameOf(error: unknown): string | null {
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  return /^net::(ERR_[A-Z0-9_]+)$/.exec(message.trim())?.[1] ?? null;
}

/** What a Chromium error name means; a name this app does not know means a failure of kind "other". */
export function meaningOf(name: string): ChromiumErrorMeaning {
  return (chromiumErrors as Record<string, ChromiumErrorMeaning>)[name] ?? at("SERVER_UNREACHABLE", "other");
}

/** The error a Chromium failure becomes: its code, a message a person can act on, and the names for the renderer. */
export function chromiumProblem(name: string, place: FailurePlace): AppError {
  const { code, kind } = meaningOf(name);
  const { seen, hint } = netProblemText(kind, place);
  return new AppError(code, `${inEnglish(seen)} ${inEnglish(hint)} [net::${name}]`, {
    netError: name,
    netProblem: kind,
    ...(place.proxy === null ? {} : { proxy: place.proxy }),
  });
}
