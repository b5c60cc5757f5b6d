import tls from "node:tls";

type CaType = "default" | "system";
type GetCaCertificates = (type: CaType) => string[];

const nodeGetCa = (tls as { getCACertificates?: GetCaCertificates }).getCACertificates;
let cached: { roots: string[] | undefined } | null = null;

/**
 * The roots a server is trusted by when it has no CA file of its own: Node's
 * (its bundled Mozilla roots, and NODE_EXTRA_CA_CERTS) plus the operating
 * system's trust store, so that a participant's corporate roots (a
 * TLS-inspecting proxy's, say) work as they do in their browser. Reading the
 * OS store needs `tls.getCACertificates("system")` (Node 22.15 and later, so
 * Electron 38); on an older Node (20) it is `undefined`: Node's own roots
 * alone, and NODE_EXTRA_CA_CERTS is the way to add more. Read once per process
 * (the OS store can be slow to read on Windows).
 */
export function defaultTrust(
  getCaCertificates: GetCaCertificates | undefined = nodeGetCa,
): string[] | undefined {
  if (getCaCertificates !== nodeGetCa) return readTrust(getCaCertificates);
  cached ??= { roots: readTrust(getCaCertificates) };
  return cached.roots;
}

function readTrust(getCaCertificates: GetCaCertificates | undefined): string[] | undefined {
  if (typeof getCaCertificates !== "function") return undefined;
  try {
    return [...new Set([...getCaCertificates("default"), ...getCaCertificates("system")])];
  } catch (error) {
    console.warn(`The system's trusted certificates could not be read: ${(error as Error).message}`);
    return undefined;
  }
}
