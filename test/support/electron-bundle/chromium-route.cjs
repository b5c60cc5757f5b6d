// The route of the stand-in's Chromium stack (chromium-net.cjs): a session's proxy configuration in PAC
// form, as `session.resolveProxy` answers it, and a PAC answer's entries. Loopback is never proxied
// (Chromium's implicit bypass rules) unless the bypass rules say `<-loopback>`.

const bare = (host) => host.replace(/^\[(.*)\]$/, "$1");
const isLoopback = (host) =>
  host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127\./.test(host);

/** The entries of a PAC answer: `{kind: "proxy", host, port}` or `{kind: "direct"}`. */
function parsePac(answer) {
  const hops = [];
  for (const entry of answer
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [kind, where] = entry.split(/\s+/);
    if (kind.toUpperCase() === "DIRECT") {
      hops.push({ kind: "direct" });
      break;
    }
    if (kind.toUpperCase() === "PROXY" && where) {
      const url = new URL(`http://${where}`);
      hops.push({ kind: "proxy", host: bare(url.hostname), port: Number(url.port || 80) });
    }
  }
  return hops.length ? hops : [{ kind: "direct" }];
}

/** `fixed_servers` rules (`http://a:8080,b:3128,direct://`) in PAC form. */
function rulesToPac(rules) {
  const list = rules.includes("=") ? (/(?:^|;)\s*https=([^;]*)/.exec(rules)?.[1] ?? "") : rules;
  return list
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      if (item === "direct://") return "DIRECT";
      const url = new URL(item.includes("://") ? item : `http://${item}`);
      return `PROXY ${url.hostname}:${url.port || (url.protocol === "https:" ? 443 : 80)}`;
    })
    .join("; ");
}

function bypassed(bypassRules, host) {
  return (bypassRules ?? "")
    .split(/[,;\s]+/)
    .filter(Boolean)
    .some((rule) =>
      rule === "<local>" ? !host.includes(".") : host === rule || host.endsWith(rule.replace(/^\*/, "")),
    );
}

/** What `session.resolveProxy` answers for `url` under the session's configuration. */
async function resolveWith(config, url, systemProxy) {
  const host = bare(new URL(url).hostname);
  if (isLoopback(host) && !(config.proxyBypassRules ?? "").includes("<-loopback>")) return "DIRECT";
  if (bypassed(config.proxyBypassRules, host)) return "DIRECT";
  switch (config.mode) {
    case "direct":
      return "DIRECT";
    case "fixed_servers":
      return rulesToPac(config.proxyRules ?? "") || "DIRECT";
    case "system":
      return systemProxy(url);
    default:
      // pac_script and auto_detect download and run a script: not played here.
      return "DIRECT";
  }
}

module.exports = { bare, parsePac, resolveWith };
