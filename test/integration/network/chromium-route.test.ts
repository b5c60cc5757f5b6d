import { lookup } from "node:dns/promises";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AxiosInstance } from "axios";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { CheckResult } from "../../../shared/contract/connectivity.js";
import type { ProxySetting } from "../../../shared/contract/network.js";
import { isAppError } from "../../../shared/errors.js";
import { browserProbe } from "../../../electron/host/browser-stack.js";
import type { BrowserRoute } from "../../../electron/host/context.js";
import { AuthClient } from "../../../electron/services/auth/auth-client.js";
import { defaultDependencies, runCheck } from "../../../electron/services/connectivity/index.js";
import { createBrowserHttpClient } from "../../../electron/services/http/browser-http-client.js";
import { destroyHttpClient } from "../../../electron/services/http/create-http-client.js";
import { MailboxClient } from "../../../electron/services/mailbox/mailbox-client.js";
import type { ProxyCredentials } from "../../../electron/services/network/proxy-answer.js";
import { NetworkService } from "../../../electron/services/network/network-service.js";
import { MemorySecretStore } from "../../../electron/services/secrets/memory-secret-store.js";
import { startSimulator } from "../../../simulator/index.js";
import { startConnectProxy, type TestProxy } from "../../support/connect-proxy.js";
import { closedPort } from "../../support/ports.js";
import { record, resetRecord } from "../../unit/electron/electron-stand-in.js";

vi.mock("electron", async () => (await import("../../unit/electron/electron-stand-in.js")).electronStandIn);

const { browserRoute } = await import("../../../electron/main/browser-route.js");
const { session } = await import("electron");

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

const demo = { userId: "demo.user", password: "Demo#2023pass" };
const PROXY_USER = "cp-proxy-user";
const PROXY_PASSWORD = "Pr0xy-Secret!42";
/** The simulator's names: its certificate names the first; the CA is also trusted for the second, which it does not name. */
const NAME = "sso.cp.test";
const WRONG_NAME = "wrong.cp.test";
const hosts = { [NAME]: "127.0.0.1", [WRONG_NAME]: "127.0.0.1" };

let dataDir: string;
let sim: Simulator;
let route: BrowserRoute;
const proxies: TestProxy[] = [];
const clients: AxiosInstance[] = [];

beforeAll(async () => {
  resetRecord();
  record.hosts = hosts;
  record.proxyAnswer = "DIRECT";
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-chromium-route-"));
  sim = await startSimulator({ dataDir, hashProfile: "fast", quiet: true, hostnames: [NAME] });
  route = browserRoute(session.defaultSession);
});

afterEach(async () => {
  for (const client of clients.splice(0)) destroyHttpClient(client);
  for (const proxy of proxies.splice(0)) await proxy.stop();
});

afterAll(async () => {
  await sim.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function proxy(options: Parameters<typeof startConnectProxy>[0] = {}): Promise<TestProxy> {
  const started = await startConnectProxy({ hosts, ...options });
  proxies.push(started);
  return started;
}

interface Network {
  setting: ProxySetting;
  /** The server's address as the app has it. */
  server: string;
  /** The CA the app trusts for the server (none: Chromium's roots only). */
  caPem: string | null;
  credentials?: ProxyCredentials;
}

/** The sign-in, as the desktop app makes it over its browser stack: its outcome, or the error code. */
async function signIn(
  network: Network,
  credentialsFor: () => Promise<ProxyCredentials | null>,
): Promise<string> {
  const http = createBrowserHttpClient({
    baseURL: new URL(network.server).origin,
    net: route.net,
    credentialsFor,
    privateCa: network.caPem ? { trust: route.trust, pem: network.caPem } : undefined,
    timeoutMs: 5000,
  });
  clients.push(http);
  try {
    const auth = new AuthClient({ http, clock: () => new Date() });
    const first = await auth.begin(demo);
    if (first.state !== "OTP_REQUIRED") return first.state;
    const messages = await new MailboxClient({ http, controlToken: sim.controlToken }).list(demo.userId);
    const done = await auth.verifyOtp({ otp: messages.at(-1)?.otp ?? "" });
    await auth.signOut();
    return done.state;
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
}

/** The desktop's check on the same route: the browser stack's step first, the phase steps after it. */
async function check(
  network: Network,
  credentialsFor: () => Promise<ProxyCredentials | null>,
): Promise<CheckResult> {
  const service = new NetworkService({
    setting: { load: () => network.setting, save: () => {} },
    systemResolver: (url) => session.defaultSession.resolveProxy(url),
    keychain: new MemorySecretStore(),
  });
  return runCheck(
    {
      url: new URL("/sso", network.server),
      dnsServers: [],
      caPem: network.caPem,
      proxy: null,
      timeoutMs: 4000,
    },
    defaultDependencies({
      router: { decide: (url) => service.decide(url), credentialsFor },
      // This computer's hosts file, as the stand-in's stack reads it, for the phase steps' lookups too.
      lookup: async (name) =>
        name in hosts
          ? [{ address: hosts[name as keyof typeof hosts], family: 4 }]
          : lookup(name, { all: true }),
      browser: browserProbe(route, credentialsFor),
    }),
  );
}

/** Both on one network: the session follows the setting, then the sign-in and the check run. */
async function both(network: Network) {
  await route.applyNetwork(network.setting);
  const credentialsFor = async () => network.credentials ?? null;
  const signedIn = await signIn(network, credentialsFor);
  const result = await check(network, credentialsFor);
  return { signedIn, result, browser: result.steps[0] };
}

const serverUrl = () => `https://${NAME}:${new URL(sim.url).port}`;

describe("the desktop's sign-in and its check agree on every network (Chromium's route, played by the stand-in)", () => {
  it("direct: both reach the server, and the check passes", async () => {
    const { signedIn, result, browser } = await both({
      setting: { mode: "none" },
      server: serverUrl(),
      caPem: sim.caCertPem,
    });
    expect(signedIn).toBe("SUCCESS");
    expect(browser).toMatchObject({ id: "browser", status: "pass" });
    expect(browser?.detail).toContain("route: DIRECT");
    expect(result.status).toBe("pass");
    expect(result.steps.map((step) => step.id)).toEqual([
      "browser",
      "proxy",
      "dns",
      "tcp",
      "tls",
      "http",
      "page",
    ]);
  });

  it("through a proxy with Basic authentication the app knows: both pass, the proxy saw the user", async () => {
    const corporate = await proxy({ users: { [PROXY_USER]: PROXY_PASSWORD } });
    const { signedIn, result, browser } = await both({
      setting: { mode: "manual", proxy: corporate.url },
      server: serverUrl(),
      caPem: sim.caCertPem,
      credentials: { username: PROXY_USER, password: PROXY_PASSWORD },
    });
    expect(signedIn).toBe("SUCCESS");
    expect(browser).toMatchObject({ status: "pass" });
    expect(browser?.detail).toContain(`route: PROXY ${corporate.endpoint}`);
    expect(result.status).toBe("pass");
    expect(corporate.log.some((entry) => entry.status === 200 && entry.user === PROXY_USER)).toBe(true);
  });

  it("a name only the browser stack resolves: the sign-in works, so the phase steps' failure is a warning", async () => {
    const credentialsFor = async () => null;
    const network: Network = { setting: { mode: "none" }, server: serverUrl(), caPem: sim.caCertPem };
    await route.applyNetwork(network.setting);
    expect(await signIn(network, credentialsFor)).toBe("SUCCESS");
    const service = new NetworkService({
      setting: { load: () => network.setting, save: () => {} },
      keychain: new MemorySecretStore(),
    });
    // The phase steps ask this computer's resolver, which does not know the name.
    const result = await runCheck(
      {
        url: new URL("/sso", network.server),
        dnsServers: [],
        caPem: network.caPem,
        proxy: null,
        timeoutMs: 4000,
      },
      defaultDependencies({
        router: { decide: (url) => service.decide(url), credentialsFor },
        lookup: async () =>
          Promise.reject(Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" })),
        browser: browserProbe(route, credentialsFor),
      }),
    );
    expect(result.steps[0]).toMatchObject({ id: "browser", status: "pass" });
    const dns = result.steps.find((step) => step.id === "dns");
    expect(dns).toMatchObject({
      status: "warn",
      hint: expect.stringMatching(/^The browser stack \(first step\) reached the page/),
    });
    expect(dns).not.toHaveProperty("code");
    expect(result.status).toBe("warn");
  });

  it.each([
    ["a proxy asking for credentials the app does not have", "PROXY_AUTH_REQUIRED"],
    ["a proxy refusing the tunnel (403)", "PROXY_TUNNEL_REFUSED"],
    ["a proxy asking only for NTLM and Negotiate", "PROXY_AUTH_UNSUPPORTED"],
    ["a proxy that is down", "PROXY_UNREACHABLE"],
  ] as const)("%s: the sign-in fails with %s, and so does the check's first step", async (_what, code) => {
    const corporate =
      code === "PROXY_AUTH_REQUIRED"
        ? await proxy({ users: { [PROXY_USER]: PROXY_PASSWORD } })
        : code === "PROXY_TUNNEL_REFUSED"
          ? await proxy({ refuse: () => 403 })
          : code === "PROXY_AUTH_UNSUPPORTED"
            ? await proxy({ onlySchemes: ["NTLM", "Negotiate"] })
            : null;
    const proxyUrl = corporate?.url ?? `http://127.0.0.1:${await closedPort()}`;
    const { signedIn, result, browser } = await both({
      setting: { mode: "manual", proxy: proxyUrl },
      server: serverUrl(),
      caPem: sim.caCertPem,
    });
    expect(signedIn).toBe(code);
    expect(result.status).toBe("fail");
    expect(browser).toMatchObject({ id: "browser", status: "fail", code });
  });

  it.each([
    ["a server whose CA the app was not given", "untrusted", "TLS_UNTRUSTED", "ERR_CERT_AUTHORITY_INVALID"],
    [
      "a certificate that does not name the address",
      "wrong name",
      "TLS_HOSTNAME_MISMATCH",
      "ERR_CERT_COMMON_NAME_INVALID",
    ],
    ["a name that does not resolve", "no name", "SERVER_UNREACHABLE", "ERR_NAME_NOT_RESOLVED"],
    ["a port where nothing listens", "refused", "SERVER_UNREACHABLE", "ERR_CONNECTION_REFUSED"],
  ] as const)(
    "%s: the sign-in fails with %s, and the check's first step names Chromium's error",
    async (_what, kind, code, netError) => {
      const port = new URL(sim.url).port;
      const network: Network =
        kind === "untrusted"
          ? { setting: { mode: "none" }, server: serverUrl(), caPem: null }
          : kind === "wrong name"
            ? { setting: { mode: "none" }, server: `https://${WRONG_NAME}:${port}`, caPem: sim.caCertPem }
            : kind === "no name"
              ? { setting: { mode: "none" }, server: `https://nowhere.cp.test:${port}`, caPem: sim.caCertPem }
              : {
                  setting: { mode: "none" },
                  server: `https://${NAME}:${await closedPort()}`,
                  caPem: sim.caCertPem,
                };
      const { signedIn, result, browser } = await both(network);
      expect(signedIn).toBe(code);
      expect(result.status).toBe("fail");
      expect(browser).toMatchObject({ id: "browser", status: "fail", code });
      expect(browser?.detail).toContain(`net::${netError}`);
    },
  );
});
