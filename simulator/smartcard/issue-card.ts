import { randomBytes, webcrypto } from "node:crypto";
import "./reflect-polyfill.js";
import * as x509 from "@peculiar/x509";
import { CARD_FILE_FORMAT, hashPin, pinSchema, type CardFile } from "./card-file.js";
import { AppError } from "../../shared/errors.js";

/** The issuing CA: its certificate and its private signing key. */
export interface IssuingCa {
  certificatePem: string;
  signingKey: webcrypto.CryptoKey;
}

export interface IssueCardOptions {
  userId: string;
  pin: string;
  /** The issuer's notion of now (the simulator's clock). */
  now: Date;
  notBefore?: Date;
  notAfter?: Date;
  /** Validity when notAfter is not given. */
  validDays?: number;
}

const DEFAULT_CARD_VALID_DAYS = 3 * 365;
const DAY_MS = 86_400_000;
const crypto = webcrypto;
type CryptoKey = webcrypto.CryptoKey;
type SigningAlgorithm = webcrypto.EcdsaParams | webcrypto.RsaHashedImportParams;

/**
 * Issues a card for a user: a fresh P-256 key pair and a certificate for it
 * signed by the CA, with the user ID as the subject's common name.
 */
export async function issueCard(ca: IssuingCa, options: IssueCardOptions): Promise<CardFile> {
  const pin = pinSchema.safeParse(options.pin);
  if (!pin.success) throw new AppError("INVALID_INPUT", "The card PIN must be 4 to 8 digits.");
  const notBefore = options.notBefore ?? new Date(options.now.getTime() - DAY_MS);
  const notAfter =
    options.notAfter ??
    new Date(options.now.getTime() + (options.validDays ?? DEFAULT_CARD_VALID_DAYS) * DAY_MS);
  if (notAfter <= notBefore)
    throw new AppError("INVALID_INPUT", "The card's notAfter must be after notBefore.");

  const caCert = new x509.X509Certificate(ca.certificatePem);
  const signingKey = ca.signingKey;
  const signingAlgorithm = signingAlgorithmOf(signingKey);
  const keys = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ]);
  const certificate = await x509.X509CertificateGenerator.create(
    {
      serialNumber: `01${randomBytes(15).toString("hex")}`,
      subject: `CN=${options.userId}, OU=CCMS smartcard`,
      issuer: caCert.subject,
      notBefore,
      notAfter,
      publicKey: keys.publicKey,
      signingKey,
      signingAlgorithm,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension(["1.3.6.1.5.5.7.3.2"]),
        await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey("pkcs8", keys.privateKey));
  return {
    format: CARD_FILE_FORMAT,
    userId: options.userId,
    issuedAt: options.now.toISOString(),
    certificate: certificate.toString("pem"),
    privateKey: toPem(pkcs8, "PRIVATE KEY"),
    pin: hashPin(pin.data),
  };
}

function signingAlgorithmOf(key: CryptoKey): SigningAlgorithm {
  const algorithm = key.algorithm as { name: string; namedCurve?: string };
  if (algorithm.name === "ECDSA") {
    const curve = algorithm.namedCurve;
    return { name: "ECDSA", hash: curve === "P-384" ? "SHA-384" : curve === "P-521" ? "SHA-512" : "SHA-256" };
  }
  return { name: algorithm.name, hash: "SHA-256" };
}

function toPem(der: Buffer, label: string): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
