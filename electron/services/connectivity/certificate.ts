import type { DetailedPeerCertificate, PeerCertificate } from "node:tls";

export interface CertificateFacts {
  subject: string;
  issuer: string;
  altNames: string[];
  validFrom: Date;
  validTo: Date;
  /** Subjects from the leaf up, as the server sent them. */
  chain: string[];
}

const nameOf = (name: PeerCertificate["subject"] | undefined): string => {
  if (!name) return "(none)";
  const parts: string[] = [];
  for (const key of ["CN", "O", "OU", "C"] as const) {
    const value = name[key];
    if (value) parts.push(`${key}=${Array.isArray(value) ? value.join("+") : value}`);
  }
  return parts.length ? parts.join(", ") : "(empty)";
};

export function certificateFacts(certificate: DetailedPeerCertificate): CertificateFacts {
  const chain: string[] = [];
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

export function describeCertificate(facts: CertificateFacts): string[] {
  return [
    `subject: ${facts.subject}`,
    `issuer: ${facts.issuer}`,
    `names (SAN): ${facts.altNames.join(", ") || "(none)"}`,
    `valid: ${facts.validFrom.toISOString()} to ${facts.validTo.toISOString()}`,
    `chain: ${facts.chain.join(" <- ")}`,
  ];
}
