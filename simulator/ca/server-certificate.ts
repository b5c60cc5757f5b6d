import { webcrypto } from "node:crypto";
import "../smartcard/reflect-polyfill.js";
import * as x509 from "@peculiar/x509";
import { type CertificateAuthority, ecdsaP256, issueCertificate } from "./authority.js";

type CryptoKeyPair = webcrypto.CryptoKeyPair;

export interface ServerCredentials {
  certPem: string;
  keyPem: string;
}

const loopbackNames = ["127.0.0.1", "::1", "localhost"];

/** A TLS leaf for the simulator's HTTPS server, issued by the CA for loopback plus any extra host names. */
export async function issueServerCertificate(
  ca: CertificateAuthority,
  extraHostnames: readonly string[] = [],
): Promise<ServerCredentials> {
  const keys = (await webcrypto.subtle.generateKey(ecdsaP256, true, ["sign", "verify"])) as CryptoKeyPair;
  const names = [...new Set([...loopbackNames, ...extraHostnames])];
  const now = Date.now();
  const certificate = await issueCertificate(ca, {
    publicKey: keys.publicKey,
    subject: "CN=CCMS 2FA Simulator",
    notBefore: new Date(now - 3600_000),
    notAfter: new Date(now + 397 * 24 * 3600_000),
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(
        names.map((name) => ({ type: isIpAddress(name) ? "ip" : "dns", value: name })),
      ),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
  return { certPem: certificate.toString("pem"), keyPem: x509.PemConverter.encode(pkcs8, "PRIVATE KEY") };
}

function isIpAddress(name: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(":");
}
