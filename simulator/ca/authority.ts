import fs from "node:fs";
import path from "node:path";
import { webcrypto } from "node:crypto";
import "../smartcard/reflect-polyfill.js";
import * as x509 from "@peculiar/x509";
import { writeFileAtomic } from "./atomic-file.js";

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export const ecdsaP256 = { name: "ECDSA", namedCurve: "P-256" } as const;
const ecdsaSha256 = { name: "ECDSA", hash: "SHA-256" } as const;

/** The simulator's own certificate authority, loaded from (or first created in) `<dataDir>/ca/`. */
export interface CertificateAuthority {
  certificate: x509.X509Certificate;
  certPem: string;
  certFile: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

const caCertFileName = "ca-cert.pem";
const caKeyFileName = "ca-key.pem";

function caDirOf(dataDir: string): string {
  return path.resolve(dataDir, "ca");
}

/** A CA as text: its certificate and its PKCS#8 private key, both PEM. */
export interface CaPems {
  certPem: string;
  keyPem: string;
}

/** Makes a new CA: an ECDSA P-256 key and a self-signed certificate valid ten years. */
export async function generateCa(): Promise<CaPems> {
  const keys = (await webcrypto.subtle.generateKey(ecdsaP256, true, ["sign", "verify"])) as CryptoKeyPair;
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: "CN=CCMS 2FA Simulator CA, O=CCMS Terminal Emulator",
    notBefore: new Date(now - 24 * 3600_000),
    notAfter: new Date(now + 10 * 365 * 24 * 3600_000),
    signingAlgorithm: ecdsaSha256,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 1, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
  return { certPem: certificate.toString("pem"), keyPem: x509.PemConverter.encode(pkcs8, "PRIVATE KEY") };
}

/** The CA from its PEM text; `certFile` is where a client finds the certificate to trust. */
export async function caFromPems(pems: CaPems, certFile: string): Promise<CertificateAuthority> {
  const certPem = pems.certPem.trim();
  const certificate = new x509.X509Certificate(certPem);
  const keyDer = x509.PemConverter.decodeFirst(pems.keyPem);
  const privateKey = await webcrypto.subtle.importKey("pkcs8", keyDer, ecdsaP256, false, ["sign"]);
  const publicKey = await certificate.publicKey.export(ecdsaP256, ["verify"]);
  return { certificate, certPem, certFile: path.resolve(certFile), privateKey, publicKey };
}

/** Where the CA certificate of a data folder is kept. */
export function caCertFileOf(dataDir: string): string {
  return path.join(caDirOf(dataDir), caCertFileName);
}

/** Loads the CA kept in `<dataDir>/ca/`, creating it on first use. */
export async function loadOrCreateCa(dataDir: string): Promise<CertificateAuthority> {
  const dir = caDirOf(dataDir);
  const certFile = path.join(dir, caCertFileName);
  const keyFile = path.join(dir, caKeyFileName);
  if (fs.existsSync(certFile) && fs.existsSync(keyFile)) {
    return caFromPems(
      { certPem: fs.readFileSync(certFile, "utf8"), keyPem: fs.readFileSync(keyFile, "utf8") },
      certFile,
    );
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pems = await generateCa();
  // Key first: a certificate without its key would make the next start fail.
  writeFileAtomic(keyFile, pems.keyPem, 0o600);
  writeFileAtomic(certFile, pems.certPem + "\n", 0o644);
  return caFromPems(pems, certFile);
}

export interface IssueCertificateParams {
  /** The subject's public key (ECDSA P-256 as a CryptoKey, or SPKI DER). */
  publicKey: CryptoKey | ArrayBuffer | Uint8Array;
  /** e.g. `CN=demo.user` */
  subject: string;
  notBefore: Date;
  notAfter: Date;
  /** Extra extensions (key usages, SANs); basic constraints CA=false and key identifiers are always added. */
  extensions?: x509.Extension[];
}

/** Issues a certificate for a given public key, signed by the simulator CA. */
export async function issueCertificate(
  ca: CertificateAuthority,
  params: IssueCertificateParams,
): Promise<x509.X509Certificate> {
  const publicKey =
    params.publicKey instanceof Uint8Array || params.publicKey instanceof ArrayBuffer
      ? new x509.PublicKey(params.publicKey)
      : params.publicKey;
  return x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: params.subject,
    issuer: ca.certificate.subject,
    notBefore: params.notBefore,
    notAfter: params.notAfter,
    signingAlgorithm: ecdsaSha256,
    publicKey,
    signingKey: ca.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      await x509.AuthorityKeyIdentifierExtension.create(ca.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
      ...(params.extensions ?? []),
    ],
  });
}

function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f; // positive INTEGER
  return Buffer.from(bytes).toString("hex");
}
