import { webcrypto } from "node:crypto";
import "../../../../simulator/smartcard/reflect-polyfill.js";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ecdsa = { name: "ECDSA", namedCurve: "P-256" } as const;
const signing = { name: "ECDSA", hash: "SHA-256" } as const;
const HOUR = 3600_000;

export interface TestCa {
  certPem: string;
  issue(options?: LeafOptions): Promise<{ certPem: string; keyPem: string }>;
}

export interface LeafOptions {
  names?: string[];
  notBefore?: Date;
  notAfter?: Date;
}

const serial = (): string => {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString("hex");
};

/** A throwaway certificate authority for one test file. */
export async function createTestCa(name = "Connectivity Test CA"): Promise<TestCa> {
  const keys = (await webcrypto.subtle.generateKey(ecdsa, true, [
    "sign",
    "verify",
  ])) as webcrypto.CryptoKeyPair;
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${name}, O=CCMS Tests`,
    notBefore: new Date(now - 24 * HOUR),
    notAfter: new Date(now + 365 * 24 * HOUR),
    signingAlgorithm: signing,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 1, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return {
    certPem: certificate.toString("pem"),
    async issue(options = {}) {
      const leafKeys = (await webcrypto.subtle.generateKey(ecdsa, true, [
        "sign",
        "verify",
      ])) as webcrypto.CryptoKeyPair;
      const names = options.names ?? ["localhost", "127.0.0.1"];
      const leaf = await x509.X509CertificateGenerator.create({
        serialNumber: serial(),
        subject: `CN=${names[0] ?? "test"}`,
        issuer: certificate.subject,
        notBefore: options.notBefore ?? new Date(Date.now() - HOUR),
        notAfter: options.notAfter ?? new Date(Date.now() + 30 * 24 * HOUR),
        signingAlgorithm: signing,
        publicKey: leafKeys.publicKey,
        signingKey: keys.privateKey,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
          new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
          new x509.SubjectAlternativeNameExtension(
            names.map((value) => ({ type: /^[\d.]+$|:/.test(value) ? "ip" : "dns", value })),
          ),
          await x509.AuthorityKeyIdentifierExtension.create(keys.publicKey),
        ],
      });
      const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", leafKeys.privateKey);
      return { certPem: leaf.toString("pem"), keyPem: x509.PemConverter.encode(pkcs8, "PRIVATE KEY") };
    },
  };
}
