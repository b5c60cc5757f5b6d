/** A user name and password for a proxy's Basic authentication. */
export interface ProxyCredentials {
  username: string;
  password: string;
}

/** One way to try, in order: through a proxy (`http://host:port`, never with credentials in it) or direct. */
export type Hop = { kind: "direct" } | { kind: "proxy"; proxy: URL; credentials: ProxyCredentials | null };

export interface ParsedAnswer {
  hops: Hop[];
  /** Entries this app cannot use (SOCKS, or unreadable). */
  unsupported: string[];
}

/**
 * Reads a PAC-style answer ("PROXY host:port; HTTPS host:port; DIRECT"), as
 * Electron's `session.resolveProxy` gives it, into the hops to try in order.
 * Nothing after DIRECT is ever needed. An answer with no usable entry goes direct.
 */
export function parsePacAnswer(answer: string): ParsedAnswer {
  const hops: Hop[] = [];
  const unsupported: string[] = [];
  for (const raw of answer.split(";")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [kind = "", where = ""] = entry.split(/\s+/);
    const upper = kind.toUpperCase();
    if (upper === "DIRECT") {
      hops.push({ kind: "direct" });
      return { hops, unsupported };
    }
    const proxy = (upper === "PROXY" || upper === "HTTPS") && where ? proxyUrl(upper, where) : null;
    if (proxy) hops.push({ kind: "proxy", proxy, credentials: null });
    else unsupported.push(entry);
  }
  if (hops.length === 0) hops.push({ kind: "direct" });
  return { hops, unsupported };
}

function proxyUrl(kind: string, where: string): URL | null {
  try {
    const url = new URL(`${kind === "HTTPS" ? "https" : "http"}://${where}`);
    return url.username || url.password || url.pathname !== "/" ? null : url;
  } catch {
    return null;
  }
}

/** `host:port` of a URL, the port spelt out (the keychain and the dialogs name a proxy so). */
export function endpointOf(url: URL): string {
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return `${url.hostname}:${port}`;
}

/** A proxy URL without its credentials, and the credentials apart (from `http://user:pass@host:port`). */
export function splitCredentials(url: URL): { proxy: URL; credentials: ProxyCredentials | null } {
  const proxy = new URL(`${url.protocol}//${url.host}`);
  if (!url.username) return { proxy, credentials: null };
  return {
    proxy,
    credentials: { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) },
  };
}

/** The hops in PAC form, as the Network screen and the report show them. */
export function answerOf(hops: Hop[]): string {
  return hops
    .map((hop) =>
      hop.kind === "direct"
        ? "DIRECT"
        : `${hop.proxy.protocol === "https:" ? "HTTPS" : "PROXY"} ${hop.proxy.host}`,
    )
    .join("; ");
}
