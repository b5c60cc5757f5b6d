import tls from "node:tls";
import { defaultTrust } from "../http/trust-store.js";

const cache = new Map<string, tls.SecureContext>();
const MAX_CACHED = 8;

/**
 * The trust store of the check, the sign-in's (see defaultTrust: Node's roots
 * and, where Node can read it, the system's) plus the given CA. Built once per
 * CA, since parsing every root certificate costs tens of milliseconds and would
 * otherwise be counted as handshake time.
 */
export function trustContext(caPem: string | null): tls.SecureContext | undefined {
  const roots = defaultTrust();
  if (!caPem && roots === undefined) return undefined;
  const key = caPem ?? "";
  let context = cache.get(key);
  if (!context) {
    context = tls.createSecureContext({
      ca: [...(roots ?? tls.rootCertificates), ...(caPem ? [caPem] : [])],
    });
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(key, context);
  }
  return context;
}
