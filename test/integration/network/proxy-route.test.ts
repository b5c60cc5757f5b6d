import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { AxiosInstance } from "axios";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ProxySetting } from "../../../shared/contract/network.js";
import { type AppError, isAppError } from "../../../shared/errors.js";
import { AuthClient } from "../../../electron/services/auth/auth-client.js";
import { defaultDependencies, runCheck } from "../../../electron/services/connectivity/index.js";
import { createHttpClient, destroyHttpClient } from "../../../electron/services/http/create-http-client.js";
import { MailboxClient } from "../../../electron/services/mailbox/mailbox-client.js";
import { NetworkService } from "../../../electron/services/network/network-service.js";
import { MemorySecretStore } from "../../../electron/services/secrets/memory-secret-store.js";
import { startSimulator } from "../../../simulator/index.js";
import { closedPort } from "../../support/ports.js";
import { startConnectProxy, type TestProxy } from "../../support/connect-proxy.js";
import { createTestCa } from "../../support/test-ca.js";

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

const demo = { userId: "demo.user", password: "Demo#2023pass" };
const PROXY_USER = "cp-proxy-user";
const PROXY_PASSWORD = "Pr0xy-Secret!42";

let dataDir: string;
let sim: Simulator;
let simAuthority: string;
const proxies: TestProxy[] = [];
const clients: AxiosInstance[] = [];
const servers: net.Server[] = [];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-proxy-route-"));
  sim = await startSimulator({ dataDir, hashProfile: "fast", quiet: true });
  simAuthority = new URL(sim.url).host;
});

afterEach(async () => {
  for (const client of clients.splice(0)) destroyHttpClient(client);
  for (const proxy of proxies.splice(0)) await proxy.stop();
  for (const server of servers.splice(0)) server.close();
});

afterAll(async () => {
  await sim.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Network {
  service: NetworkService;
  keychain: MemorySecretStore;
}

function network(
  setting: ProxySetting,
  extra: Partial<ConstructorParameters<typeof NetworkService>[0]> = {},
): Network {
  let current = setting;
  const keychain = new MemorySecretStore();
  const service = new NetworkService({
    setting: { load: () => current, save: (next) => (current = next) },
    env: {},
    keychain,
    ...extra,
  });
  return { service, keychain };
}

async function proxy(options: Parameters<typeof startConnectProxy>[0] = {}): Promise<TestProxy> {
  const started = await startConnectProxy(options);
  proxies.push(started);
  return started;
}

function clientThrough(service: NetworkService, caPem = sim.caCertPem, timeoutMs = 5000): AxiosInstance {
  const client = createHttpClient({ baseURL: sim.url, caPem, router: service, timeoutMs });
  clients.push(client);
  return client;
}

/** Password, then the OTP from the simulated mailbox: the whole sign-in over `http`. */
async function signIn(http: AxiosInstance): Promise<string> {
  const auth = new AuthClient({ http, clock: () => new Date() });
  const first = await auth.begin(demo);
  expect(first.state).toBe("OTP_REQUIRED");
  const messages = await new MailboxClient({ http, controlToken: sim.controlToken }).list(demo.userId);
  const otp = messages.at(-1)?.otp ?? "";
  const done = await auth.verifyOtp({ otp });
  if (done.state !== "SUCCESS") throw new Error(`expected SUCCESS, got ${done.state}`);
  await auth.signOut();
  return done.session.userId;
}

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error("expected a failure");
}

/** The connectivity check's verdict on the TCP step, with the app's route decision and credentials. */
async function checkTcp(service: NetworkService) {
  const result = await runCheck(
    {
      url: new URL("/sso", sim.url),
      dnsServers: [],
      caPem: sim.caCertPem,
      proxy: null,
      timeoutMs: 3000,
    },
    defaultDependencies({ router: service }),
  );
  const tcp = result.steps.find((step) => step.id === "tcp");
  if (!tcp) throw new Error("no tcp step");
  return { result, tcp };
}

describe("the route to the 2FA server through an HTTP CONNECT proxy", () => {
  it("signs in with password and OTP through a Basic-authentication proxy, TLS checked end to end", async () => {
    const corporate = await proxy({ users: { [PROXY_USER]: PROXY_PASSWORD } });
    const { service } = network({ mode: "manual", proxy: corporate.url });
    await service.setCredentials(
      corporate.endpoint,
      { username: PROXY_USER, password: PROXY_PASSWORD },
      false,
    );
    expect(await signIn(clientThrough(service))).toBe(demo.userId);
    expect(corporate.log).toContainEqual({ authority: simAuthority, user: PROXY_USER, status: 200 });
    // Kept alive: one tunnel carried the whole sign-in.
    expect(corporate.log.filter((entry) => entry.status === 200)).toHaveLength(1);
    const { result } = await checkTcp(service);
    expect(result.status).toBe("pass");
  });

  it("verifies the server's certificate inside the tunnel, never the proxy's: a foreign CA fails", async () => {
    const corporate = await proxy();
    const { service } = network({ mode: "manual", proxy: corporate.url });
    const stranger = await createTestCa();
    const error = await failure(
      new AuthClient({
        http: clientThrough(service, stranger.certificatePem),
        clock: () => new Date(),
      }).begin(demo),
    );
    expect(error.code).toBe("TLS_UNTRUSTED");
    expect(corporate.log).toContainEqual({ authority: simAuthority, user: null, status: 200 });
  });

  it("names a 407 as credentials wanted, then wrong credentials as refused, then passes with the right ones", async () => {
    const corporate = await proxy({ users: { [PROXY_USER]: PROXY_PASSWORD } });
    const { service } = network({ mode: "manual", proxy: corporate.url });
    const http = clientThrough(service);
    const auth = new AuthClient({ http, clock: () => new Date() });

    const wanted = await failure(auth.begin(demo));
    expect(wanted.code).toBe("PROXY_AUTH_REQUIRED");
    expect(wanted.details).toMatchObject({
      proxy: corporate.endpoint,
      schemes: ["Basic"],
      credentialsSent: false,
    });
    expect((await checkTcp(service)).tcp).toMatchObject({ status: "fail", code: "PROXY_AUTH_REQUIRED" });

    await service.setCredentials(corporate.endpoint, { username: PROXY_USER, password: "wrong-one" }, false);
    const refused = await failure(auth.begin(demo));
    expect(refused.code).toBe("PROXY_AUTH_FAILED");
    expect(refused.message).not.toContain("wrong-one");
    expect((await checkTcp(service)).tcp).toMatchObject({ status: "fail", code: "PROXY_AUTH_FAILED" });

    await service.setCredentials(
      corporate.endpoint,
      { username: PROXY_USER, password: PROXY_PASSWORD },
      false,
    );
    expect(await signIn(http)).toBe(demo.userId);
    expect((await checkTcp(service)).result.status).toBe("pass");
    expect(corporate.log.map((entry) => entry.status)).toEqual([407, 407, 407, 407, 200, 200]);
  });

  it("names a proxy that is down, and the check agrees", async () => {
    const { service } = network({ mode: "manual", proxy: `http://127.0.0.1:${await closedPort()}` });
    const error = await failure(
      new AuthClient({ http: clientThrough(service), clock: () => new Date() }).begin(demo),
    );
    expect(error.code).toBe("PROXY_UNREACHABLE");
    expect(error.message).toContain("connection refused");
    expect((await checkTcp(service)).tcp).toMatchObject({ status: "fail", code: "PROXY_UNREACHABLE" });
  });

  it("names a proxy refusing the tunnel with its status, and the check agrees", async () => {
    const corporate = await proxy({ refuse: () => 403 });
    const { service } = network({ mode: "manual", proxy: corporate.url });
    const error = await failure(
      new AuthClient({ http: clientThrough(service), clock: () => new Date() }).begin(demo),
    );
    expect(error.code).toBe("PROXY_TUNNEL_REFUSED");
    expect(error.details).toMatchObject({ status: 403 });
    expect(error.message).toContain("HTTP 403 Forbidden");
    const { tcp } = await checkTcp(service);
    expect(tcp).toMatchObject({ status: "fail", code: "PROXY_TUNNEL_REFUSED" });
    expect(tcp.detail).toContain("HTTP 403");
  });

  it("names the schemes of a proxy that speaks only NTLM and Negotiate, and the check agrees", async () => {
    const corporate = await proxy({ onlySchemes: ["NTLM", "Negotiate"] });
    const { service } = network({ mode: "manual", proxy: corporate.url });
    const error = await failure(
      new AuthClient({ http: clientThrough(service), clock: () => new Date() }).begin(demo),
    );
    expect(error.code).toBe("PROXY_AUTH_UNSUPPORTED");
    expect(error.details).toMatchObject({ schemes: ["NTLM", "Negotiate"] });
    expect(error.message).toContain("NTLM and Negotiate");
    // Node's route cannot speak them; the desktop app's, Chromium's, can.
    expect(error.message).toContain(
      "The desktop app (CCMS Terminal) reaches this proxy as Microsoft Edge does",
    );
    expect((await checkTcp(service)).tcp).toMatchObject({ status: "fail", code: "PROXY_AUTH_UNSUPPORTED" });
  });

  it("names a proxy that accepts the connection and never answers as timed out, and the check agrees", async () => {
    const silent = net.createServer(() => {});
    servers.push(silent);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    const { service } = network({ mode: "manual", proxy: `http://127.0.0.1:${port}` });
    const http = clientThrough(service, sim.caCertPem, 400);
    const error = await failure(new AuthClient({ http, clock: () => new Date() }).begin(demo));
    expect(error.code).toBe("PROXY_TIMEOUT");
    expect((await checkTcp(service)).tcp).toMatchObject({ status: "fail", code: "PROXY_TIMEOUT" });
  });

  it("takes HTTPS_PROXY from the environment, and NO_PROXY bypasses it", async () => {
    const corporate = await proxy();
    const viaEnv = network({ mode: "system" }, { env: { https_proxy: corporate.url } });
    expect(await signIn(clientThrough(viaEnv.service))).toBe(demo.userId);
    expect(corporate.log).toContainEqual({ authority: simAuthority, user: null, status: 200 });
    const seen = corporate.log.length;

    const bypass = network(
      { mode: "system" },
      { env: { HTTPS_PROXY: corporate.url, No_Proxy: "127.0.0.1" } },
    );
    expect(await signIn(clientThrough(bypass.service))).toBe(demo.userId);
    const { result } = await checkTcp(bypass.service);
    expect(result.status).toBe("pass");
    expect(result.steps[0]?.detail).toContain("No_Proxy exempts 127.0.0.1");
    expect(corporate.log).toHaveLength(seen);
  });

  it("follows a PAC answer from the system, falling back to DIRECT when the first proxy is down", async () => {
    const down = await closedPort();
    const answers: string[] = [];
    const pac = network(
      { mode: "system" },
      {
        systemResolver: async (url) => {
          answers.push(url);
          return `PROXY 127.0.0.1:${down}; DIRECT`;
        },
      },
    );
    expect(await signIn(clientThrough(pac.service))).toBe(demo.userId);
    expect(answers[0]).toBe(`${sim.url}/`);
    const { tcp, result } = await checkTcp(pac.service);
    expect(result.steps[0]?.detail).toContain(`PROXY 127.0.0.1:${down}; DIRECT`);
    expect(tcp.status).toBe("warn");
    expect(tcp.code).toBe("PROXY_UNREACHABLE");
    expect(tcp.hint).toContain("Going direct");
  });

  it("tries the next proxy of a PAC answer when the first is down", async () => {
    const corporate = await proxy();
    const down = await closedPort();
    const pac = network(
      { mode: "system" },
      { systemResolver: async () => `PROXY 127.0.0.1:${down}; PROXY ${corporate.endpoint}` },
    );
    expect(await signIn(clientThrough(pac.service))).toBe(demo.userId);
    expect(corporate.log).toContainEqual({ authority: simAuthority, user: null, status: 200 });
  });

  it("a new setting takes effect on the next request: the kept tunnel is not used again", async () => {
    const corporate = await proxy();
    const { service } = network({ mode: "manual", proxy: corporate.url });
    const http = clientThrough(service);
    expect(await signIn(http)).toBe(demo.userId);
    const tunnels = () => corporate.log.filter((entry) => entry.status === 200).length;
    expect(tunnels()).toBe(1);
    service.setSetting({ mode: "none" });
    expect(await signIn(http)).toBe(demo.userId);
    expect(tunnels()).toBe(1);
    service.setSetting({ mode: "manual", proxy: corporate.url });
    expect(await signIn(http)).toBe(demo.userId);
    expect(tunnels()).toBe(2);
  });

  it("the setting overrides the system: no proxy goes direct whatever the system says", async () => {
    const corporate = await proxy();
    const none = network({ mode: "none" }, { systemResolver: async () => `PROXY ${corporate.endpoint}` });
    expect(await signIn(clientThrough(none.service))).toBe(demo.userId);
    expect(corporate.log).toEqual([]);
  });
});
