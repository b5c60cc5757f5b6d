import { verify, X509Certificate } from "node:crypto";
import { AppError } from "../../../shared/errors.js";
import { normalizeUserId } from "../../../shared/user-id.js";

export interface CardProof {
  /** DER as base64, or PEM. */
  certificate: string;
  /** DER ECDSA signature, base64. */
  signature: string;
}

export interface ProofCheck {
  caCertificatePem: string;
  userId: string;
  nonce: Buffer;
  now: Date;
}

/**
 * Checks a card's answer to a challenge: the certificate chains to our CA, is
 * valid now, names this user, and its key signed this nonce. Throws the first
 * failure as CERT_UNTRUSTED, CERT_EXPIRED, CERT_NOT_FOR_USER or SIGNATURE_INVALID.
 */
export function verifyCardProof(proof: CardProof, check: ProofCheck): { serialNumber: string } {
  const certificate = parseCertificate(proof.certificate);
  const ca = new X509Certificate(check.caCertificatePem);
  if (!certificate.checkIssued(ca) || !certificate.verify(ca.publicKey)) {
    throw new AppError(
      "CERT_UNTRUSTED",
      "The card's certificate was not issued by this server's certificate authority. Use the card issued to you for CCMS.",
    );
  }
  const now = check.now.getTime();
  const notBefore = Date.parse(certificate.validFrom);
  const notAfter = Date.parse(certificate.validTo);
  if (now < notBefore || now > notAfter) {
    throw new AppError(
      "CERT_EXPIRED",
      now > notAfter
        ? `The card's certificate expired on ${new Date(notAfter).toISOString().slice(0, 10)}. Ask your Delegated Administrator for a new card.`
        : `The card's certificate is not valid before ${new Date(notBefore).toISOString().slice(0, 10)}.`,
      { notBefore: new Date(notBefore).toISOString(), notAfter: new Date(notAfter).toISOString() },
    );
  }
  const commonName = /(?:^|\n)CN=([^\n]+)/.exec(certificate.subject)?.[1]?.trim();
  if (commonName === undefined || normalizeUserId(commonName) !== normalizeUserId(check.userId)) {
    throw new AppError(
      "CERT_NOT_FOR_USER",
      `This card belongs to another user, not to ${check.userId}. Insert your own card.`,
    );
  }
  const publicKey = certificate.publicKey;
  const signature = Buffer.from(proof.signature, "base64");
  let valid: boolean;
  try {
    valid =
      publicKey.asymmetricKeyType === "ec" &&
      verify("sha256", check.nonce, { key: publicKey, dsaEncoding: "der" }, signature);
  } catch {
    valid = false;
  }
  if (!valid) {
    throw new AppError("SIGNATURE_INVALID", "The card's signature does not match the challenge. Try again.");
  }
  return { serialNumber: certificate.serialNumber };
}

function parseCertificate(text: string): X509Certificate {
  try {
    return new X509Certificate(text.includes("BEGIN CERTIFICATE") ? text : Buffer.from(text, "base64"));
  } catch {
    throw new AppError("CERT_UNTRUSTED", "What the card sent is not a certificate.");
  }
}
