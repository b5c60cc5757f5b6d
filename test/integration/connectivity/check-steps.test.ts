import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckResult, CheckStep, CheckStepId } from "../../../shared/contract/connectivity.js";
import {
  defaultDependencies,
  runCheck,
  type CheckOptions,
} from "../../../electron/services/connectivity/index.js";
import { formatDateTime } from "../../../shared/hong-kong-time.js";
import zhHK from "../../../shared/check-text/zh-HK.json";
import { startConnectProxy } from "../../support/connect-proxy.js";
import { stepText, wordingOf } from "../../../renderer/i18n/check-wording.js";
import { createTestCa, type TestCa } from "./support/pki.js";
import {
  refusedPort,
  ssoRoutes,
  startBlackhole,
  startDnsServer,
  startHttpsServer,
  type Running,
} from "./support/servers.js";

const DAY = 86_400_000;
let ca: TestCa;
let healthy: Running;
const opened: Running[] = [];

const stepOf = (result: CheckResult, id: CheckStepId): CheckStep => {
  const step = result.steps.find((candidate) => candidate.id === id);
  if (!step) throw new Error(`no ${id} step`);
  return step;
};

function options(url: string, overrides: Partial<CheckOptions> = {}): CheckOptions {
  return {
    url: new URL(url),
    dnsServers: [],
    caPem: ca.certPem,
    proxy: null,
    timeoutMs: 5_000,
    ...overrides,
  };
}

/** No system proxy: the environment of the test run must not decide. */
const deps = defaultDependencies({ resolveProxy: async () => "DIRECT" });

async function serve(
  handler: Parameters<typeof startHttpsServer>[1],
  names?: string[],
  validity?: { notBefore: Date; notAfter: Date },
): Promise<Running> {
  const running = await startHttpsServer(await ca.issue({ names, ...validity }), handler);
  opened.push(running);
  return running;
}

beforeAll(async () => {
  ca = await createTestCa();
  healthy = await serve(
    ssoRoutes({
      "/start": (res) => {
        res.writeHead(302, { location: "/middle" });
        res.end();
      },
      "/middle": (res) => {
        res.writeHead(301, { location: "/sso" });
        res.end();
      },
      "/broken": (res) => {
        res.writeHead(503, { "content-type": "text/html" });
        res.end("<title>Service Unavailable</title>");
      },
      "/other": (res) => {
        res.writeHead(200, { "content-type": "text/html" });
        res.end("<html><head><title>Welcome</title></head><body><p>Nothing to sign in to.</p></body></html>");
      },
      "/portal": (res) => {
        res.writeHead(200, { "content-type": "text/html" });
        res.end(
          "<html><head><title>Guest Wi-Fi</title></head><body>Please accept the terms to use the internet.</body></html>",
        );
      },
      "/blocked": (res) => {
        res.writeHead(200, { "content-type": "text/html" });
        res.end(
          "<html><head><title>Access Denied</title></head><body>This site has been blocked by your organisation's web filter. Category: Finance</body></html>",
        );
      },
    }),
  );
});

afterAll(async () => {
  await Promise.all(opened.map((running) => running.close()));
});

describe("the connectivity check against real loopback servers", () => {
  it("passes every step against a healthy sign-in page, with timings", async () => {
    const seen: CheckStepId[] = [];
    const result = await runCheck(options(`https://localhost:${healthy.port}/sso`), deps, (step) =>
      seen.push(step.id),
    );
    expect(result.steps.map((step) => [step.id, step.status])).toEqual([
      ["proxy", "pass"],
      ["dns", "pass"],
      ["tcp", "pass"],
      ["tls", "pass"],
      ["http", "pass"],
      ["page", "pass"],
    ]);
    expect(seen).toEqual(["proxy", "dns", "tcp", "tls", "http", "page"]);
    expect(result.status).toBe("pass");
    expect(stepOf(result, "tls").detail).toMatch(/TLSv1\.[23]/);
    expect(stepOf(result, "tls").detail).toContain("DNS:localhost");
    expect(stepOf(result, "tls").detail).toContain("Connectivity Test CA");
    expect(stepOf(result, "page").detail).toContain("HKEX sign-in page");
    for (const key of ["dnsMs", "connectMs", "tlsMs", "ttfbMs"] as const)
      expect(result.timings[key]).not.toBeNull();
  });

  it("tells a refused port apart: nothing listens", async () => {
    const port = await refusedPort();
    const result = await runCheck(options(`https://127.0.0.1:${port}/sso`), deps);
    const tcp = stepOf(result, "tcp");
    expect(tcp.status).toBe("fail");
    expect(tcp.detail).toContain("nothing listens");
    expect(tcp.hint).toContain("4.8");
    expect(stepOf(result, "tls").status).toBe("skip");
    expect(result.status).toBe("fail");
  });

  it("bounds a server that accepts and never answers by the timeout", async () => {
    const blackhole = await startBlackhole();
    opened.push(blackhole);
    const result = await runCheck(
      options(`https://localhost:${blackhole.port}/sso`, { timeoutMs: 300 }),
      deps,
    );
    const tls = stepOf(result, "tls");
    expect(stepOf(result, "tcp").status).toBe("pass");
    expect(tls.status).toBe("fail");
    expect(tls.detail).toContain("did not finish within 300 ms");
    expect(tls.hint).toContain("4.8");
    expect(stepOf(result, "http").status).toBe("skip");
  });

  it("explains an expired certificate and shows its dates", async () => {
    const notAfter = new Date(Date.now() - 30 * DAY);
    const expired = await serve(ssoRoutes(), undefined, {
      notBefore: new Date(Date.now() - 60 * DAY),
      notAfter,
    });
    const result = await runCheck(options(`https://localhost:${expired.port}/sso`), deps);
    const tls = stepOf(result, "tls");
    expect(tls.status).toBe("fail");
    expect(tls.detail).toContain("has expired");
    expect(tls.detail).toContain("The server presented:");
    expect(stepOf(result, "http").status).toBe("skip");

    // The dates travel as instants: each language shows them in Hong Kong time, never as UTC ISO text.
    const validTo = tls.lines?.[0]?.values?.["validTo"];
    const at = typeof validTo === "object" && "at" in validTo ? validTo.at : "";
    expect(Math.abs(Date.parse(at) - notAfter.getTime())).toBeLessThan(1000);
    expect(tls.detail).toContain(`valid until ${formatDateTime(at, "en")}`);
    const chinese = stepText(tls, wordingOf(zhHK, "zh-HK"));
    expect(chinese.detail).toContain(`有效期至 ${formatDateTime(at, "zh-HK")}`);
    expect(chinese.detail).toContain("伺服器出示的證書：");
    expect(chinese.hint).toContain("《安裝程序》第 4.9 節（代理伺服器）");
    expect(`${chinese.detail}\n${chinese.hint}`).not.toMatch(/\d{4}-\d\d-\d\dT|valid|expired/);
  });

  it("explains a certificate for another host name", async () => {
    const wrongName = await serve(ssoRoutes(), ["other.example"]);
    const result = await runCheck(options(`https://localhost:${wrongName.port}/sso`), deps);
    const tls = stepOf(result, "tls");
    expect(tls.status).toBe("fail");
    expect(tls.detail).toContain("Hostname mismatch");
    expect(tls.detail).toContain("other.example");
    expect(tls.detail).toContain("The server presented:");
    expect(tls.hint).toContain("4.7");
  });

  it("explains an unknown issuer as a possible TLS-inspecting proxy", async () => {
    const result = await runCheck(options(`https://localhost:${healthy.port}/sso`, { caPem: null }), deps);
    const tls = stepOf(result, "tls");
    expect(tls.status).toBe("fail");
    expect(tls.detail).toContain("Unknown issuer");
    expect(tls.detail).toContain("Connectivity Test CA");
    expect(tls.detail).toContain("The server presented:");
    expect(tls.hint).toContain("TLS-inspecting proxy");
    expect(tls.hint).toContain("4.9");
  });

  it("fails on NXDOMAIN from a given DNS server", async () => {
    const dns = await startDnsServer({});
    opened.push(dns);
    const result = await runCheck(
      options(`https://localhost:${healthy.port}/sso`, {
        dnsServers: [{ host: "127.0.0.1", port: dns.port }],
      }),
      deps,
    );
    const step = stepOf(result, "dns");
    expect(step.status).toBe("fail");
    expect(step.detail).toContain(`127.0.0.1:${dns.port}: no such name [NXDOMAIN]`);
    expect(step.hint).toContain("4.7");
    expect(result.status).toBe("fail");
  });

  it("warns when a given DNS server answers differently from the system resolver", async () => {
    const dns = await startDnsServer({ localhost: ["127.0.0.2"] });
    opened.push(dns);
    const result = await runCheck(
      options(`https://localhost:${healthy.port}/sso`, {
        dnsServers: [{ host: "127.0.0.1", port: dns.port }],
      }),
      deps,
    );
    const step = stepOf(result, "dns");
    expect(step.status).toBe("warn");
    expect(step.detail).toContain("127.0.0.2");
    expect(step.hint).toContain("different addresses");
  });

  it("passes DNS when a given server agrees with the system resolver", async () => {
    const dns = await startDnsServer({ localhost: ["127.0.0.1"] });
    opened.push(dns);
    const result = await runCheck(
      options(`https://localhost:${healthy.port}/sso`, {
        dnsServers: [{ host: "127.0.0.1", port: dns.port }],
      }),
      deps,
    );
    expect(stepOf(result, "dns").status).toBe("pass");
    expect(result.status).toBe("pass");
  });

  it("fails HTTP on a 5xx answer", async () => {
    const result = await runCheck(options(`https://localhost:${healthy.port}/broken`), deps);
    const step = stepOf(result, "http");
    expect(step.status).toBe("fail");
    expect(step.detail).toContain("503");
    expect(step.hint).toContain("server's side");
  });

  it("fails the page step on a page that is not the sign-in page", async () => {
    const result = await runCheck(options(`https://localhost:${healthy.port}/other`), deps);
    expect(stepOf(result, "http").status).toBe("pass");
    const page = stepOf(result, "page");
    expect(page.status).toBe("fail");
    expect(page.detail).toContain("not the sign-in page");
  });

  it("recognises a proxy's block page", async () => {
    const result = await runCheck(options(`https://localhost:${healthy.port}/blocked`), deps);
    const page = stepOf(result, "page");
    expect(page.status).toBe("fail");
    expect(page.detail).toContain("block page");
    expect(page.hint).toContain("4.9");
  });

  it("follows a redirect chain to the sign-in page", async () => {
    const result = await runCheck(options(`https://localhost:${healthy.port}/start`), deps);
    const http = stepOf(result, "http");
    expect(http.status).toBe("pass");
    expect(http.detail.split("\n")).toHaveLength(3);
    expect(http.detail).toContain("302");
    expect(http.detail).toContain("301");
    expect(stepOf(result, "page").status).toBe("pass");
  });

  it("goes through an HTTP CONNECT proxy", async () => {
    const proxy = await startConnectProxy();
    opened.push({ port: proxy.port, close: proxy.stop });
    const result = await runCheck(
      options(`https://localhost:${healthy.port}/start`, {
        proxy: new URL(`http://127.0.0.1:${proxy.port}`),
      }),
      deps,
    );
    expect(result.status).toBe("pass");
    expect(stepOf(result, "tcp").detail).toContain("opened a tunnel");
    expect(proxy.log.map((entry) => entry.authority)).toContain(`localhost:${healthy.port}`);
  });

  it("takes the proxy from the system's answer (PAC form)", async () => {
    const proxy = await startConnectProxy();
    opened.push({ port: proxy.port, close: proxy.stop });
    const result = await runCheck(
      options(`https://localhost:${healthy.port}/sso`),
      defaultDependencies({ resolveProxy: async () => `PROXY 127.0.0.1:${proxy.port}; DIRECT` }),
    );
    expect(stepOf(result, "proxy").detail).toContain(`127.0.0.1:${proxy.port}`);
    expect(result.status).toBe("pass");
    expect(proxy.log.length).toBeGreaterThan(0);
  });

  it("tells a proxy demanding authentication (407) apart, and passes with credentials", async () => {
    const proxy = await startConnectProxy({ users: { it: "s3cret" } });
    opened.push({ port: proxy.port, close: proxy.stop });
    const refused = await runCheck(
      options(`https://localhost:${healthy.port}/sso`, { proxy: new URL(`http://127.0.0.1:${proxy.port}`) }),
      deps,
    );
    const tcp = stepOf(refused, "tcp");
    expect(tcp.status).toBe("fail");
    expect(tcp.detail).toContain("407");
    expect(tcp.code).toBe("PROXY_AUTH_REQUIRED");
    expect(tcp.hint).toContain("user name and password");
    const allowed = await runCheck(
      options(`https://localhost:${healthy.port}/sso`, {
        proxy: new URL(`http://it:s3cret@127.0.0.1:${proxy.port}`),
      }),
      deps,
    );
    expect(allowed.status).toBe("pass");
    expect(JSON.stringify(allowed)).not.toContain("s3cret");
  });

  it("recognises a captive portal", async () => {
    const result = await runCheck(options(`https://localhost:${healthy.port}/portal`), deps);
    const page = stepOf(result, "page");
    expect(page.status).toBe("fail");
    expect(page.detail).toContain("captive portal");
  });

  it("warns about a certificate that expires within two weeks", async () => {
    const soon = await serve(ssoRoutes(), undefined, {
      notBefore: new Date(Date.now() - 60 * DAY),
      notAfter: new Date(Date.now() + 3 * DAY),
    });
    const result = await runCheck(options(`https://localhost:${soon.port}/sso`), deps);
    const tls = stepOf(result, "tls");
    expect(tls.status).toBe("warn");
    expect(tls.hint).toContain("expires in");
    expect(result.status).toBe("warn");
  });

  it("checks a plain http:// address without a TLS step", async () => {
    const plain = http.createServer(ssoRoutes());
    await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = plain.address() as AddressInfo;
      const result = await runCheck(options(`http://localhost:${port}/sso`), deps);
      expect(stepOf(result, "tls").status).toBe("skip");
      expect(stepOf(result, "page").status).toBe("pass");
      expect(result.status).toBe("pass");
    } finally {
      plain.closeAllConnections();
      await new Promise<void>((resolve) => plain.close(() => resolve()));
    }
  });
});
