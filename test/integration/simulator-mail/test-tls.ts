import "../../../simulator/smartcard/reflect-polyfill.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { issueServerCertificate, loadOrCreateCa } from "../../../simulator/ca/index.js";

export interface TestTls {
  caPem: string;
  certPem: string;
  keyPem: string;
}

/** A throwaway CA (made in a temp folder, then removed) and a loopback server certificate it signed. */
export async function makeTestTls(): Promise<TestTls> {
  const dir = mkdtempSync(join(tmpdir(), "ccms-mail-ca-"));
  try {
    const ca = await loadOrCreateCa(dir);
    const server = await issueServerCertificate(ca);
    return { caPem: ca.certPem, certPem: server.certPem, keyPem: server.keyPem };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
