import tls from "node:tls";

const cache = new Map<string, tls.SecureContext>();
const MAX_CACHED = 8;

/**
 * The trust store of the check: the built-in roots plus the given CA. Built
 * once per CA, since parsing every root certificate costs tens of milliseconds
 * and would otherwise be counted as handshake time.
 */
export function trustContext(caPem: string | null): tls.SecureContext | undefined {
  if (!caPem) return undefined;
  let context = cache.get(caPem);
  if (!context) {
    context = tls.createSecureContext({ ca: [...tls.rootCertificates, caPem] });
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(caPem, context);
  }
  return context;
}
