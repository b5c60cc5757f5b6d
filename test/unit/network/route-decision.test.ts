import { describe, expect, it } from "vitest";
import { inEnglish } from "../../../shared/check-text/english.js";
import { proxySettingSchema } from "../../../shared/contract/network.js";
import { envRoute, noProxyMatches } from "../../../electron/services/network/env-proxy.js";
import { endpointOf, parsePacAnswer } from "../../../electron/services/network/proxy-answer.js";
import { authenticationProblem, offeredSchemes } from "../../../electron/services/network/proxy-problems.js";
import { decideRoute, routeView } from "../../../electron/services/network/route-decision.js";

const target = new URL("https://sso.hkexposttrade.com.hk/sso");
const hopsOf = (hops: ReturnType<typeof parsePacAnswer>["hops"]) =>
  hops.map((hop) => (hop.kind === "direct" ? "DIRECT" : hop.proxy.href));

describe("a PAC answer", () => {
  it("lists every usable proxy in order, stops at DIRECT and notes SOCKS as unusable", () => {
    expect(hopsOf(parsePacAnswer("DIRECT").hops)).toEqual(["DIRECT"]);
    expect(hopsOf(parsePacAnswer("PROXY a.corp:8080; PROXY b.corp:3128; DIRECT; PROXY c:1").hops)).toEqual([
      "http://a.corp:8080/",
      "http://b.corp:3128/",
      "DIRECT",
    ]);
    const socks = parsePacAnswer("SOCKS5 s:1080; HTTPS p:443");
    expect(hopsOf(socks.hops)).toEqual(["https://p/"]);
    expect(socks.unsupported).toEqual(["SOCKS5 s:1080"]);
    expect(hopsOf(parsePacAnswer("SOCKS s:1080").hops)).toEqual(["DIRECT"]);
  });

  it("names a proxy by host:port, the default port spelt out", () => {
    expect(endpointOf(new URL("http://proxy.corp"))).toBe("proxy.corp:80");
    expect(endpointOf(new URL("http://[::1]:3128"))).toBe("[::1]:3128");
  });
});

describe("the environment", () => {
  it("uses HTTPS_PROXY unless NO_PROXY matches, and keeps credentials out of the answer", () => {
    const env = { HTTPS_PROXY: "http://u:p%40ss@proxy.corp:3128", NO_PROXY: ".internal,localhost:8443" };
    const through = envRoute(target, env);
    expect(through).toMatchObject({ via: "HTTPS_PROXY", answer: "PROXY proxy.corp:3128" });
    expect(through.hops[0]).toMatchObject({
      kind: "proxy",
      credentials: { username: "u", password: "p@ss" },
    });
    expect(envRoute(new URL("https://a.b.internal/"), env)).toMatchObject({
      via: "NO_PROXY",
      answer: "DIRECT",
    });
    expect(envRoute(new URL("https://localhost:8443/"), env).answer).toBe("DIRECT");
    expect(envRoute(new URL("https://localhost:9443/"), env).answer).toBe("PROXY proxy.corp:3128");
    expect(envRoute(target, {})).toMatchObject({ via: null, answer: "DIRECT" });
  });

  it("reads the variables in any case, the upper-case spelling first", () => {
    expect(envRoute(target, { https_proxy: "proxy.corp:8080" })).toMatchObject({
      via: "https_proxy",
      answer: "PROXY proxy.corp:8080",
    });
    expect(envRoute(target, { Https_Proxy: "http://a:1", HTTPS_PROXY: "http://b:2" }).answer).toBe(
      "PROXY b:2",
    );
    expect(envRoute(target, { HTTPS_PROXY: "http://a:1", no_proxy: "*" }).via).toBe("no_proxy");
    // http:// addresses take HTTP_PROXY, https:// ones never do.
    expect(envRoute(new URL("http://plain.example/"), { HTTP_PROXY: "http://h:8" }).answer).toBe("PROXY h:8");
    expect(envRoute(target, { HTTP_PROXY: "http://h:8" }).answer).toBe("DIRECT");
  });

  it("matches NO_PROXY like curl", () => {
    expect(noProxyMatches("*", target)).toBe(true);
    expect(noProxyMatches("hkexposttrade.com.hk", target)).toBe(true);
    expect(noProxyMatches(".com.hk", target)).toBe(true);
    expect(noProxyMatches("posttrade.com.hk", target)).toBe(false);
    expect(noProxyMatches("sso.hkexposttrade.com.hk:8443", target)).toBe(false);
    expect(noProxyMatches("", target)).toBe(false);
  });
});

describe("the route decision", () => {
  const system = async () => "PROXY pac.corp:8080; DIRECT";

  it("lets the setting override the system and the environment", async () => {
    const env = { HTTPS_PROXY: "http://env.corp:3128" };
    const none = await decideRoute(target, { setting: { mode: "none" }, systemResolver: system, env });
    expect(routeView(none)).toMatchObject({ source: "none", hops: [{ kind: "direct", proxy: null }] });
    const manual = await decideRoute(target, {
      setting: { mode: "manual", proxy: "http://manual.corp:8080" },
      systemResolver: system,
      env,
    });
    expect(routeView(manual)).toMatchObject({ source: "manual", answer: "PROXY manual.corp:8080" });
  });

  it("asks Electron's system resolver when there is one, else --proxy, else the environment", async () => {
    const env = { HTTPS_PROXY: "http://env.corp:3128" };
    const setting = { mode: "system" } as const;
    const asked = await decideRoute(target, { setting, systemResolver: system, env });
    expect(routeView(asked)).toMatchObject({
      source: "system",
      via: "session.resolveProxy",
      hops: [
        { kind: "proxy", proxy: "pac.corp:8080" },
        { kind: "direct", proxy: null },
      ],
    });
    const flag = await decideRoute(target, { setting, flagProxy: new URL("http://flag.corp:1"), env });
    expect(routeView(flag)).toMatchObject({ source: "flag", via: "--proxy", answer: "PROXY flag.corp:1" });
    expect(routeView(await decideRoute(target, { setting, env }))).toMatchObject({
      source: "environment",
      via: "HTTPS_PROXY",
    });
  });

  it("goes direct, saying why, when the system cannot answer", async () => {
    const failing = await decideRoute(target, {
      setting: { mode: "system" },
      systemResolver: () => Promise.reject(new Error("no session")),
      env: {},
    });
    expect(failing.hops).toEqual([{ kind: "direct" }]);
    expect(failing.problem).toEqual({ key: "route.systemUnanswered", values: { reason: "no session" } });
    expect(inEnglish(failing.problem ?? { key: "" })).toBe(
      "The system could not say which proxy to use (no session); going direct.",
    );
    const silent = await decideRoute(target, {
      setting: { mode: "system" },
      systemResolver: () => new Promise(() => {}),
      env: {},
      timeoutMs: 20,
    });
    expect(silent.problem?.values?.["reason"]).toContain("no answer within 20 ms");
  });

  it("accepts only http://host:port as the manual proxy", () => {
    const manual = (proxy: string) => proxySettingSchema.safeParse({ mode: "manual", proxy }).success;
    expect(manual("http://proxy.corp:8080")).toBe(true);
    expect(manual("http://user:pw@proxy.corp:8080")).toBe(false);
    expect(manual("http://proxy.corp:8080/path")).toBe(false);
    expect(manual("socks5://proxy.corp:1080")).toBe(false);
  });
});

describe("a proxy's 407", () => {
  it("reads the schemes a proxy offers, quoted parameters and all", () => {
    expect(offeredSchemes('Basic realm="corp, proxy", charset="UTF-8"')).toEqual(["Basic"]);
    expect(offeredSchemes(["NTLM", "negotiate", "Negotiate abc=="])).toEqual(["NTLM", "Negotiate"]);
    expect(offeredSchemes("Digest realm=x, nonce=y, Basic realm=z")).toEqual(["Digest", "Basic"]);
    expect(offeredSchemes(undefined)).toEqual([]);
  });

  it("tells credentials wanted, refused and a scheme this app does not speak apart", () => {
    expect(authenticationProblem("p:1", "t:443", ["Basic"], false).code).toBe("PROXY_AUTH_REQUIRED");
    expect(authenticationProblem("p:1", "t:443", ["Negotiate", "Basic"], true).code).toBe(
      "PROXY_AUTH_FAILED",
    );
    const unsupported = authenticationProblem("p:1", "t:443", ["NTLM", "Negotiate"], false);
    expect(unsupported.code).toBe("PROXY_AUTH_UNSUPPORTED");
    expect(unsupported.message).toContain("NTLM and Negotiate");
    expect(unsupported.details).toMatchObject({ schemes: ["NTLM", "Negotiate"] });
  });
});
