import { isIP, type Socket } from "node:net";
import tls from "node:tls";
import type { CheckStep } from "../../../../shared/contract/connectivity.js";
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
} from "../types.js";

export interface TlsOutcome {
  step: CheckStep;
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
    const lines = [`${protocol}, ${cipher.name}`, ...describeCertificate(facts), "verified: yes"];
    const daysLeft = Math.floor((facts.validTo.getTime() - deps.now().getTime()) / DAY_MS);
    const warnings: string[] = [];
    if (daysLeft < EXPIRY_WARNING_DAYS)
      warnings.push(`The certificate expires in ${daysLeft} day(s); tell the server's operator.`);
    if (protocol === "TLSv1" || protocol === "TLSv1.1")
      warnings.push(`${protocol} is outdated; TLS 1.2 or newer is expected.`);
    return {
      step: makeStep(
        "tls",
        warnings.length ? "warn" : "pass",
        tlsMs,
        lines.join("\n"),
        warnings.join(" ") || null,
      ),
      socket: secure,
      tlsMs,
    };
  } catch (error) {
    const took = deps.perfNow() - started;
    const seen = isCertificateProblem(error) ? factsOf(presented.certificate) : null;
    const { detail, hint } = explain(error, host, seen, limitMs, deps.now());
    const lines = [detail, ...(seen ? ["The server presented:", ...describeCertificate(seen)] : [])];
    return { step: makeStep("tls", "fail", took, lines.join("\n"), hint), socket: null, tlsMs: null };
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
): { detail: string; hint: string } {
  const code = errorCode(error);
  if (error instanceof TimedOut) {
    return {
      detail: `The TLS handshake did not finish within ${limitMs} ms: the server accepted the connection but never answered.`,
      hint: `Something between this PC and the server holds the connection: a firewall (${section.firewall}) or a proxy that must be used (${section.proxy}).`,
    };
  }
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return {
      detail: `Hostname mismatch: the certificate is not for ${host}${seen ? ` (it names ${seen.altNames.join(", ") || seen.subject})` : ""}.`,
      hint: `This PC reaches a different server than ${host}: check that ${host} resolves to HKEX's address (${section.dns}), and that no proxy answers in its place (${section.proxy}).`,
    };
  }
  if (code === "CERT_HAS_EXPIRED") {
    return {
      detail: `The certificate has expired${seen ? ` (valid until ${seen.validTo.toISOString()})` : ""}; this PC's clock says ${now.toISOString()}.`,
      hint: `If this PC's date is wrong, correct it. Otherwise the server (or a proxy in between, ${section.proxy}) presents an outdated certificate: tell its operator.`,
    };
  }
  if (code === "CERT_NOT_YET_VALID") {
    return {
      detail: `The certificate is not valid yet${seen ? ` (valid from ${seen.validFrom.toISOString()})` : ""}; this PC's clock says ${now.toISOString()}.`,
      hint: "Check this PC's date and time.",
    };
  }
  if (unknownIssuerCodes.has(code)) {
    return {
      detail: `Unknown issuer: the certificate is issued by ${seen ? seen.issuer : "an authority"} that this PC does not trust [${code}].`,
      hint: `Often a TLS-inspecting proxy or firewall replaces the server's certificate: ask the network team to exempt ${host} from TLS inspection (${section.proxy}). If the issuer is your own inspection CA, give its certificate with --ca.`,
    };
  }
  if (code === "ECONNRESET" || code === "EPIPE") {
    return {
      detail: `The connection was reset during the TLS handshake [${code}].`,
      hint: `A firewall or proxy cut the connection: allow TLS to ${host} (${section.firewall}, ${section.proxy}).`,
    };
  }
  return {
    detail: `The TLS handshake failed: ${errorText(error)}${code ? ` [${code}]` : ""}.`,
    hint: `The other end does not speak TLS as expected; a proxy may have to be used (${section.proxy}) or a firewall interferes (${section.firewall}).`,
  };
}
