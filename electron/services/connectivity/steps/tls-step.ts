import { isIP, type Socket } from "node:net";
import tls from "node:tls";
import { say, type CheckMessage } from "../../../../shared/check-text/check-message.js";
import { certificateFacts, describeCertificate, type CertificateFacts } from "../certificate.js";
import { trustContext } from "../secure-context.js";
import { section } from "../sections.js";
import { TimedOut, withTimeout } from "../time-budget.js";
import {
  bareHost,
  errorCode,
  errorText,
  makeStep,
  type CheckDependencies,
  type CheckOptions,
  type MadeStep,
} from "../types.js";

export interface TlsOutcome {
  step: MadeStep;
  /** The verified connection, ready for HTTP; null on failure. */
  socket: tls.TLSSocket | null;
  tlsMs: number | null;
}

const EXPIRY_WARNING_DAYS = 14;
const DAY_MS = 86_400_000;

const unknownIssuerCodes = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_GET_ISSUER_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_UNTRUSTED",
  "CERT_SIGNATURE_FAILURE",
]);

/** The TLS options every connection of the check uses: verification on, the given CA added to the built-in roots. */
export function tlsOptionsFor(url: URL, caPem: string | null): tls.ConnectionOptions {
  const host = bareHost(url.hostname);
  return {
    servername: isIP(host) ? undefined : host,
    secureContext: trustContext(caPem),
    ALPNProtocols: ["http/1.1"],
  };
}

/**
 * Opens a verified TLS connection over `socket`, bounded by `limitMs`. `onPresented`, when given, hears
 * the certificate the server presented, also one that then fails verification.
 */
export function secureConnect(
  socket: Socket,
  url: URL,
  caPem: string | null,
  limitMs: number,
  onPresented?: (certificate: tls.DetailedPeerCertificate) => void,
): Promise<tls.TLSSocket> {
  // tls.connect hands requestOCSP to the TLSSocket it makes; Node's typings list it for TLSSocket only.
  const connectOptions: tls.ConnectionOptions & Pick<tls.TLSSocketOptions, "requestOCSP"> = {
    ...tlsOptionsFor(url, caPem),
    socket,
    requestOCSP: onPresented !== undefined,
  };
  const secure = tls.connect(connectOptions);
  // Node checks the chain and the host name when the handshake is over; the certificate-status callback
  // (asked for by requestOCSP) runs as soon as the server's certificate has arrived. So a certificate
  // about to be refused can still be described, with verification left on.
  if (onPresented) secure.once("OCSPResponse", () => onPresented(secure.getPeerCertificate(true)));
  const ready = new Promise<tls.TLSSocket>((resolve, reject) => {
    secure.once("secureConnect", () => {
      secure.off("error", reject);
      secure.on("error", () => {});
      resolve(secure);
    });
    secure.once("error", reject);
  });
  return withTimeout(ready, limitMs, () => secure.destroy()).catch((error: unknown) => {
    secure.destroy();
    socket.destroy();
    throw error;
  });
}

/** Step 4: the TLS handshake, verified against the built-in roots plus the given CA. */
export async function tlsStep(
  options: CheckOptions,
  deps: CheckDependencies,
  limitMs: number,
  socket: Socket,
): Promise<TlsOutcome> {
  const started = deps.perfNow();
  const host = bareHost(options.url.hostname);
  const presented: { certificate: tls.DetailedPeerCertificate | null } = { certificate: null };
  try {
    const secure = await secureConnect(socket, options.url, options.caPem, limitMs, (certificate) => {
      presented.certificate = certificate;
    });
    const tlsMs = deps.perfNow() - started;
    const facts = certificateFacts(presented.certificate ?? secure.getPeerCertificate(true));
    const protocol = secure.getProtocol() ?? "unknown";
    const cipher = secure.getCipher();
    const lines = [
      say("tls.protocol", { protocol, cipher: cipher.name }),
      ...describeCertificate(facts),
      say("tls.verified"),
    ];
    const daysLeft = Math.floor((facts.validTo.getTime() - deps.now().getTime()) / DAY_MS);
    const warnings: CheckMessage[] = [];
    if (daysLeft < EXPIRY_WARNING_DAYS) warnings.push(say("tls.expiresSoon", { days: daysLeft }));
    if (protocol === "TLSv1" || protocol === "TLSv1.1") warnings.push(say("tls.outdated", { protocol }));
    return {
      step: makeStep("tls", warnings.length ? "warn" : "pass", tlsMs, lines, warnings),
      socket: secure,
      tlsMs,
    };
  } catch (error) {
    const took = deps.perfNow() - started;
    const seen = isCertificateProblem(error) ? factsOf(presented.certificate) : null;
    const { detail, hint } = explain(error, host, seen, limitMs, deps.now());
    const lines = [detail, ...(seen ? [say("tls.presented"), ...describeCertificate(seen)] : [])];
    return { step: makeStep("tls", "fail", took, lines, [hint]), socket: null, tlsMs: null };
  }
}

function isCertificateProblem(error: unknown): boolean {
  const code = errorCode(error);
  return (
    code === "ERR_TLS_CERT_ALTNAME_INVALID" ||
    code === "CERT_HAS_EXPIRED" ||
    code === "CERT_NOT_YET_VALID" ||
    unknownIssuerCodes.has(code)
  );
}

function factsOf(certificate: tls.DetailedPeerCertificate | null): CertificateFacts | null {
  return certificate && Object.keys(certificate).length > 0 ? certificateFacts(certificate) : null;
}

function explain(
  error: unknown,
  host: string,
  seen: CertificateFacts | null,
  limitMs: number,
  now: Date,
): { detail: CheckMessage; hint: CheckMessage } {
  const code = errorCode(error);
  const sections = { firewallSection: section.firewall, proxySection: section.proxy };
  const clock = { at: now.toISOString() };
  if (error instanceof TimedOut) {
    return { detail: say("tls.timeout", { limitMs }), hint: say("tls.timeoutAdvice", sections) };
  }
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return {
      detail: seen
        ? say("tls.mismatchNames", {
            host,
            names: seen.altNames.length ? { list: seen.altNames } : seen.subject,
          })
        : say("tls.mismatch", { host }),
      hint: say("tls.mismatchAdvice", { host, dnsSection: section.dns, proxySection: section.proxy }),
    };
  }
  if (code === "CERT_HAS_EXPIRED") {
    return {
      detail: seen
        ? say("tls.expiredUntil", { validTo: { at: seen.validTo.toISOString() }, now: clock })
        : say("tls.expired", { now: clock }),
      hint: say("tls.expiredAdvice", { proxySection: section.proxy }),
    };
  }
  if (code === "CERT_NOT_YET_VALID") {
    return {
      detail: seen
        ? say("tls.notYetValidFrom", { validFrom: { at: seen.validFrom.toISOString() }, now: clock })
        : say("tls.notYetValid", { now: clock }),
      hint: say("tls.clockAdvice"),
    };
  }
  if (unknownIssuerCodes.has(code)) {
    return {
      detail: say("tls.unknownIssuer", { issuer: seen ? seen.issuer : say("tls.anAuthority"), code }),
      hint: say("tls.unknownIssuerAdvice", { host, section: section.proxy }),
    };
  }
  if (code === "ECONNRESET" || code === "EPIPE") {
    return { detail: say("tls.reset", { code }), hint: say("tls.resetAdvice", { host, ...sections }) };
  }
  return {
    detail: code
      ? say("tls.failedCode", { error: errorText(error), code })
      : say("tls.failed", { error: errorText(error) }),
    hint: say("tls.failedAdvice", sections),
  };
}
