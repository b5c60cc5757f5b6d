import { bareHost } from "./hosts.js";
import { answerOf, splitCredentials, type Hop } from "./proxy-answer.js";

export type Env = Record<string, string | undefined>;

export interface EnvRoute {
  hops: Hop[];
  /** The variable that decided (`HTTPS_PROXY`, `NO_PROXY`…), or null when none is set. */
  via: string | null;
  answer: string;
}

/**
 * The proxy the environment gives for a URL, as curl reads it: `HTTPS_PROXY`
 * for https (`HTTP_PROXY` for http), then `ALL_PROXY`, unless `NO_PROXY`
 * matches. Names in upper or lower case (or any case, as Windows has them).
 * Credentials written in the variable come back apart, never in the answer.
 */
export function envRoute(target: URL, env: Env): EnvRoute {
  const direct: Hop[] = [{ kind: "direct" }];
  const names = target.protocol === "https:" ? ["HTTPS_PROXY", "ALL_PROXY"] : ["HTTP_PROXY", "ALL_PROXY"];
  const found = names.map((name) => lookup(env, name)).find((entry) => entry !== null) ?? null;
  if (!found) return { hops: direct, via: null, answer: "DIRECT" };
  const noProxy = lookup(env, "NO_PROXY");
  if (noProxy && noProxyMatches(noProxy.value, target))
    return { hops: direct, via: noProxy.name, answer: "DIRECT" };
  let url: URL;
  try {
    url = new URL(found.value.includes("://") ? found.value : `http://${found.value}`);
  } catch {
    return { hops: direct, via: found.name, answer: "DIRECT" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return { hops: direct, via: found.name, answer: "DIRECT" };
  const { proxy, credentials } = splitCredentials(url);
  const hops: Hop[] = [{ kind: "proxy", proxy, credentials }];
  return { hops, via: found.name, answer: answerOf(hops) };
}

/** A variable by name in any case: the upper-case spelling first, then the lower-case, then any other. */
function lookup(env: Env, name: string): { name: string; value: string } | null {
  const lower = name.toLowerCase();
  const keys = Object.keys(env).filter((key) => key.toUpperCase() === name);
  keys.sort((a, b) => rank(a) - rank(b));
  function rank(key: string): number {
    return key === name ? 0 : key === lower ? 1 : 2;
  }
  for (const key of keys) {
    const value = env[key]?.trim();
    if (value) return { name: key, value };
  }
  return null;
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
