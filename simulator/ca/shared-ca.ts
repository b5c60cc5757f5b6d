import fs from "node:fs";
import { z } from "zod";
import { type MetaStore } from "../store/storage.js";
import { writeFileAtomic } from "./atomic-file.js";
import { caCertFileOf, caFromPems, type CertificateAuthority, generateCa } from "./authority.js";

const caKey = "certificate-authority";
const caPemsSchema = z.object({ certPem: z.string().min(1), keyPem: z.string().min(1) });

/**
 * The CA of every instance on a shared database, kept in the database (its meta table): the
 * instance that starts first makes it, the others load it, so a client trusts one certificate
 * whichever instance answers. Each instance writes the certificate (never the key) to
 * `<dataDir>/ca/ca-cert.pem` for whoever needs the file.
 */
export async function loadOrCreateSharedCa(meta: MetaStore, dataDir: string): Promise<CertificateAuthority> {
  const stored = await meta.getOrCreate(caKey, async () => JSON.stringify(await generateCa()));
  const pems = caPemsSchema.parse(JSON.parse(stored));
  const certFile = caCertFileOf(dataDir);
  const current = fs.existsSync(certFile) ? fs.readFileSync(certFile, "utf8").trim() : null;
  if (current !== pems.certPem.trim()) writeFileAtomic(certFile, pems.certPem.trim() + "\n", 0o644);
  return caFromPems(pems, certFile);
}
