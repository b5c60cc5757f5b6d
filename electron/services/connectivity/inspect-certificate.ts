import type { Socket } from "node:net";
import tls from "node:tls";
import { withTimeout } from "./time-budget.js";
import { certificateFacts, type CertificateFacts } from "./certificate.js";

/**
 * After a handshake failed verification, looks once more only to describe
 * what the server presents (who issued it, for which names, until when).
 * This connection sends no data and is closed as soon as the certificate is
 * read: it is never used to go on with the check.
 */
export async function inspectCertificate(
  socket: Socket,
  servername: string | undefined,
  limitMs: number,
): Promise<CertificateFacts | null> {
  const peek = tls.connect({ socket, servername, rejectUnauthorized: false });
  const read = new Promise<CertificateFacts | null>((resolve) => {
    peek.once("secureConnect", () => {
      const certificate = peek.getPeerCertificate(true);
      resolve(certificate && Object.keys(certificate).length > 0 ? certificateFacts(certificate) : null);
    });
    peek.once("error", () => resolve(null));
  });
  try {
    return await withTimeout(read, limitMs);
  } catch {
    return null;
  } finally {
    peek.destroy();
    socket.destroy();
  }
}
