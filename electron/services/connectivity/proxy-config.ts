import { bareHost } from "./types.js";

export interface ProxyChoice {
  /** null: connect directly. */
  proxy: URL | null;
  /** The raw answer, for the report. */
  answer: string;
  /** Entries of the answer the check cannot use (SOCKS). */
  unsupported: string[];
}

/** Reads a PAC-style answer ("PROXY host:port; DIRECT") into the first usable choice. */
export function parsePacAnswer(answer: string): ProxyChoice {
  const unsupported: string[] = [];
  for (const raw of answer.split(";")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [kind = "", where = ""] = entry.split(/\s+/);
    const upper = kind.toUpperCase();
    if (upper === "DIRECT") return { proxy: null, answer, unsupported };
    if ((upper === "PROXY" || upper === "HTTPS") && where) {
      const scheme = upper === "HTTPS" ? "https" : "http";
      try {
        return { proxy: new URL(`${scheme}://${where}`), answer, unsupported };
      } catch {
        unsupported.push(entry);
        continue;
      }
    }
    unsupported.push(entry);
  }
  return { proxy: null, answer, unsupported };
}

type Env = Record<string, string | undefined>;

/**
 * The proxy resolver of the CLI and the browser shell: `HTTPS_PROXY` (or
 * `HTTP_PROXY` for http URLs) unless `NO_PROXY` matches, answered in PAC form
 * like Electron's `session.resolveProxy`.
 */
export function envProxyResolver(env: Env = process.env): (url: string) => Promise<string> {
  return async (target) => {
    const url = new URL(target);
    const pick = (...names: string[]): string | undefined =>
      names.map((name) => env[name]).find((value) => value !== undefined && value.trim() !== "");
    const configured =
      url.protocol === "https:"
        ? pick("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")
        : pick("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy");
    if (!configured) return "DIRECT";
    if (noProxyMatches(pick("NO_PROXY", "no_proxy") ?? "", url)) return "DIRECT";
    const proxy = new URL(configured.includes("://") ? configured : `http://${configured}`);
    const port = proxy.port || (proxy.protocol === "https:" ? "443" : "80");
    // Credentials ride along as userinfo (not PAC syntax, but read back by parsePacAnswer).
    const userinfo = proxy.username ? `${proxy.username}${proxy.password ? `:${proxy.password}` : ""}@` : "";
    return `${proxy.protocol === "https:" ? "HTTPS" : "PROXY"} ${userinfo}${proxy.host.replace(/:\d+$/, "")}:${port}`;
  };
}

/** curl's NO_PROXY rules: "*", exact hosts, domain suffixes (with or without a leading dot), optional ports. */
export function noProxyMatches(noProxy: string, url: URL): boolean {
  const host = bareHost(url.hostname).toLowerCase();
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  for (const raw of noProxy.split(/[,\s]+/)) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === "*") return true;
    let entryPort: string | null = null;
    const withPort = /^(.*):(\d+)$/.exec(entry);
    if (withPort && !entry.endsWith("]") && (withPort[1] ?? "").split(":").length === 1) {
      entry = withPort[1] ?? "";
      entryPort = withPort[2] ?? null;
    }
    entry = bareHost(entry).replace(/^\*?\./, "");
    if (entryPort !== null && entryPort !== port) continue;
    if (host === entry || host.endsWith(`.${entry}`)) return true;
  }
  return false;
}
