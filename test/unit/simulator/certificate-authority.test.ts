import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { webcrypto } from "node:crypto";
import "../../../simulator/smartcard/reflect-polyfill.js";
import * as x509 from "@peculiar/x509";
import { afterAll, describe, expect, it } from "vitest";
import {
  ecdsaP256,
  issueCertificate,
  issueServerCertificate,
  loadOrCreateCa,
} from "../../../simulator/ca/index.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-ca-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("simulator CA", () => {
  it("creates the CA once, with a 0600 key, and reuses it", async () => {
    const first = await loadOrCreateCa(dir);
    expect(first.certFile).toBe(path.join(dir, "ca", "ca-cert.pem"));
    expect(fs.statSync(path.join(dir, "ca", "ca-key.pem")).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.join(dir, "ca")).sort()).toEqual(["ca-cert.pem", "ca-key.pem"]);
    const second = await loadOrCreateCa(dir);
    expect(second.certPem).toBe(first.certPem);
    expect(await first.certificate.isSelfSigned()).toBe(true);
    const basic = first.certificate.getExtension(x509.BasicConstraintsExtension);
    expect(basic?.ca).toBe(true);
  });

  it("issues a card certificate for a given public key: CN=<userId>, validity as asked, signed by the CA", async () => {
    const ca = await loadOrCreateCa(dir);
    const keys = (await webcrypto.subtle.generateKey(ecdsaP256, true, [
      "sign",
      "verify",
    ])) as webcrypto.CryptoKeyPair;
    const notBefore = new Date("2023-01-01T00:00:00Z");
    const notAfter = new Date("2026-01-01T00:00:00Z");
    const cert = await issueCertificate(ca, {
      publicKey: keys.publicKey,
      subject: "CN=demo.user",
      notBefore,
      notAfter,
    });
    expect(cert.subject).toBe("CN=demo.user");
    expect(cert.issuer).toBe(ca.certificate.subject);
    expect(cert.notBefore.getTime()).toBe(notBefore.getTime());
    expect(cert.notAfter.getTime()).toBe(notAfter.getTime());
    expect(await cert.verify({ publicKey: ca.certificate.publicKey, signatureOnly: true })).toBe(true);
    const spki = await webcrypto.subtle.exportKey("spki", keys.publicKey);
    expect(Buffer.from(cert.publicKey.rawData).equals(Buffer.from(spki))).toBe(true);
  });

  it("issues the TLS leaf for loopback names plus extra host names", async () => {
    const ca = await loadOrCreateCa(dir);
    const leaf = await issueServerCertificate(ca, ["sim.example.test"]);
    const cert = new x509.X509Certificate(leaf.certPem);
    const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
    const names = san?.names.toJSON().map((n) => n.value);
    expect(names).toEqual(expect.arrayContaining(["127.0.0.1", "localhost", "sim.example.test"]));
    expect(names?.some((n) => n === "::1" || n === "0:0:0:0:0:0:0:1")).toBe(true);
    expect(await cert.verify({ publicKey: ca.certificate.publicKey, signatureOnly: true })).toBe(true);
    expect(leaf.keyPem).toContain("BEGIN PRIVATE KEY");
  });
});
