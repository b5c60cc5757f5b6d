import { X509Certificate } from "node:crypto";
import net from "node:net";
import { bareHost } from "../network/hosts.js";

/** Chromium's certificate errors this trust answers with (from Chromium's `net_error_list.h`). */
export const certificateError = {
  ok: 0,
  /** Let Chromium's own verification decide (Electron's `setCertificateVerifyProc` convention). */
  useChromiumVerdict: -3,
  commonNameInvalid: -200,
  dateInvalid: -201,
} as const;

/** A certificate as Electron describes it (its `Certificate` structure): PEM data and the issuer's, up the chain. */
export interface ChainCertificate {
  data: string;
  issuerCert?: ChainCertificate | undefined;
}

/** What Electron hands a session's certificate verify procedure. */
export interface VerifyRequest {
  hostname: string;
  certificate: ChainCertificate;
  /** Chromium's own verdict: 0 when it trusts the certificate, else its (negative) error. */
  errorCode: number;
}

/**
 * The private certificate authorities the app trusts, each for one host only: the built-in
 * simulator's for its address, a test server's `--ca` (or CA file) for that server's name. Chromium's
 * verify procedure (`session.setCertificateVerifyProc`) asks `verdict` about every certificate: a
 * host with no CA of ours, or a certificate our CA did not issue, gets Chromium's own verdict (the
 * operating system's store, as Edge has it); a certificate our CA issued is accepted when it is
 * within its dates and names the host, and otherwise refused with Chromium's error for what is wrong.
 * Nothing is ever trusted for every host.
 */
export class PrivateCaTrust {
  private readonly byHost = new Map<string, Map<string, { ca: X509Certificate; holders: number }>>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Trusts the CA (PEM, one certificate or several) for `host` until the returned release is called. */
  trust(host: string, caPem: string): () => void {
    const key = normalHost(host);
    const cas = this.byHost.get(key) ?? new Map<string, { ca: X509Certificate; holders: number }>();
    this.byHost.set(key, cas);
    const held: string[] = [];
    for (const pem of splitPem(caPem)) {
      const ca = new X509Certificate(pem);
      const entry = cas.get(ca.fingerprint256) ?? { ca, holders: 0 };
      entry.holders += 1;
      cas.set(ca.fingerprint256, entry);
      held.push(ca.fingerprint256);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const fingerprint of held) {
        const entry = cas.get(fingerprint);
        if (entry && --entry.holders === 0) cas.delete(fingerprint);
      }
      if (cas.size === 0 && this.byHost.get(key) === cas) this.byHost.delete(key);
    };
  }

  /** The hosts with a CA of their own (for a log line or a test). */
  hosts(): string[] {
    return [...this.byHost.keys()].sort();
  }

  /** The answer for Electron's verify procedure's callback. */
  verdict(request: VerifyRequest): number {
    if (request.errorCode === 0) return certificateError.useChromiumVerdict;
    const cas = this.byHost.get(normalHost(request.hostname));
    if (!cas || cas.size === 0) return certificateError.useChromiumVerdict;
    let chain: X509Certificate[];
    try {
      chain = chainOf(request.certificate);
    } catch {
      return certificateError.useChromiumVerdict;
    }
    const anchored = [...cas.values()].some(({ ca }) => issuedThrough(chain, ca));
    if (!anchored) return certificateError.useChromiumVerdict;
    const now = this.now().getTime();
    if (chain.some((cert) => now < Date.parse(cert.validFrom) || now > Date.parse(cert.validTo)))
      return certificateError.dateInvalid;
    const leaf = chain[0];
    const host = normalHost(request.hostname);
    const named = leaf && (net.isIP(host) ? leaf.checkIP(host) : leaf.checkHost(host, { subject: "never" }));
    return named ? certificateError.ok : certificateError.commonNameInvalid;
  }
}

function normalHost(host: string): string {
  return bareHost(host.trim()).toLowerCase().replace(/\.$/, "");
}

function splitPem(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/** The leaf first, then each issuer the server sent, as Electron links them. */
function chainOf(certificate: ChainCertificate): X509Certificate[] {
  const chain: X509Certificate[] = [];
  for (let at: ChainCertificate | undefined = certificate; at && chain.length < 10; at = at.issuerCert) {
    chain.push(new X509Certificate(at.data));
  }
  return chain;
}

/**
 * Whether the chain leads, certificate by certificate (each signed by the next, each issuer a CA),
 * to `ca`: the leaf itself signed by it, or through intermediates the server sent.
 */
function issuedThrough(chain: X509Certificate[], ca: X509Certificate): boolean {
  if (!ca.ca) return false;
  for (let index = 0; index < chain.length; index += 1) {
    const cert = chain[index];
    if (!cert) return false;
    if (cert.checkIssued(ca) && cert.verify(ca.publicKey)) return true;
    const next = chain[index + 1];
    if (!next || !next.ca || !cert.checkIssued(next) || !cert.verify(next.publicKey)) return false;
  }
  return false;
}
