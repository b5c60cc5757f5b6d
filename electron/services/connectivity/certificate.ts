import type { DetailedPeerCertificate, PeerCertificate } from "node:tls";
import { say, type CheckMessage } from "../../../shared/check-text/check-message.js";

/** A certificate's name (`CN=…, O=…`), or a message when it has none. */
export type CertificateName = string | CheckMessage;

export interface CertificateFacts {
  subject: CertificateName;
  issuer: CertificateName;
  altNames: string[];
  validFrom: Date;
  validTo: Date;
  /** Subjects from the leaf up, as the server sent them. */
  chain: CertificateName[];
}

const nameOf = (name: PeerCertificate["subject"] | undefined): CertificateName => {
  if (!name) return say("tls.none");
  const parts: string[] = [];
  for (const key of ["CN", "O", "OU", "C"] as const) {
    const value = name[key];
    if (value) parts.push(`${key}=${Array.isArray(value) ? value.join("+") : value}`);
  }
  return parts.length ? parts.join(", ") : say("tls.empty");
};

export function certificateFacts(certificate: DetailedPeerCertificate): CertificateFacts {
  const chain: CertificateName[] = [];
  const seen = new Set<string>();
  let current: DetailedPeerCertificate | undefined = certificate;
  while (current && current.fingerprint256 && !seen.has(current.fingerprint256) && chain.length < 10) {
    seen.add(current.fingerprint256);
    chain.push(nameOf(current.subject));
    current = current.issuerCertificate;
  }
  return {
    subject: nameOf(certificate.subject),
    issuer: nameOf(certificate.issuer),
    altNames: (certificate.subjectaltname ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean),
    validFrom: new Date(certificate.valid_from),
    validTo: new Date(certificate.valid_to),
    chain,
  };
}

/** The certificate, a line each: subject, issuer, names, validity (instants), chain. */
export function describeCertificate(facts: CertificateFacts): CheckMessage[] {
  return [
    say("tls.subject", { name: facts.subject }),
    say("tls.issuer", { name: facts.issuer }),
    say("tls.names", { names: facts.altNames.length ? { list: facts.altNames } : say("tls.none") }),
    say("tls.validity", {
      from: { at: facts.validFrom.toISOString() },
      to: { at: facts.validTo.toISOString() },
    }),
    say("tls.chain", { chain: issuedBy(facts.chain) }),
  ];
}

/** A chain from the leaf up: "leaf <- intermediate <- root". */
function issuedBy([subject = "", ...issuers]: CertificateName[]): CertificateName {
  return issuers.length ? say("tls.issuedBy", { subject, issuer: issuedBy(issuers) }) : subject;
}
