import { webcrypto } from "node:crypto";
import "../../simulator/smartcard/reflect-polyfill.js";
import * as x509 from "@peculiar/x509";

/** A throwaway CA for tests of the card that do not need the simulator's own CA. */
export async function createTestCa(
  name = "CN=CCMS Test CA",
): Promise<{ certificatePem: string; privateKeyPem: string; signingKey: webcrypto.CryptoKey }> {
  const keys = await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ]);
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      name,
      keys,
      notBefore: new Date(Date.now() - 86_400_000),
      notAfter: new Date(Date.now() + 365 * 86_400_000),
      signingAlgorithm: { name: "ECDSA", hash: "SHA-256" },
      extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
    },
    webcrypto,
  );
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey)).toString("base64");
  const lines = pkcs8.match(/.{1,64}/g) ?? [];
  return {
    certificatePem: cert.toString("pem"),
    signingKey: keys.privateKey,
    privateKeyPem: `-----BEGIN PRIVATE KEY-----\n${lines.join("\n")}\n-----END PRIVATE KEY-----\n`,
  };
}
