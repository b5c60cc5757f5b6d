/**
 * Password + OTP sign-ins through the app's own HTTP client (axios and the route
 * agent): direct, through a loopback CONNECT proxy with Basic authentication in
 * a process of its own (as a corporate proxy is another machine), and through
 * the same proxy inside this process (which leaves out the hand-over between
 * processes, so it shows what the client's tunnel itself costs). Taken in turn so
 * that all three see the same machine. Keep-alive: each tunnel is opened once, as
 * in the app; what is measured is the relay's cost per sign-in.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { AuthClient } from "../../electron/services/auth/auth-client.js";
import { createHttpClient, destroyHttpClient } from "../../electron/services/http/create-http-client.js";
import { MailboxClient } from "../../electron/services/mailbox/mailbox-client.js";
import { NetworkService } from "../../electron/services/network/network-service.js";
import { MemorySecretStore } from "../../electron/services/secrets/memory-secret-store.js";
import { startSimulator } from "../../simulator/index.js";
import { startConnectProxy } from "../support/connect-proxy.js";

const PROXY_USER = "bench.proxy";
const PROXY_PASSWORD = "Bench-Proxy-Pass-1";

export interface ProxyLoginFigures {
  direct: number[];
  /** Through the proxy in its own process. */
  tunnelled: number[];
  /** Through the proxy in this process. */
  sameProcess: number[];
  /** Tunnels the proxy process opened for all the sign-ins (the client keeps its connection alive). */
  tunnels: number;
}

async function startProxyProcess(): Promise<{ port: number; stop(): Promise<number> }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "test/bench/proxy-process.ts", PROXY_USER, PROXY_PASSWORD],
    {
      cwd: path.resolve(import.meta.dirname, "../.."),
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  if (!child.stdout) throw new Error("the proxy process has no stdout");
  const lines = createInterface({ input: child.stdout });
  let tunnels = Number.NaN;
  const port = await new Promise<number>((resolve, reject) => {
    lines.on("line", (line) => {
      const listening = /^proxy (\d+)$/.exec(line);
      if (listening) resolve(Number(listening[1]));
      const opened = /^tunnels (\d+)$/.exec(line);
      if (opened) tunnels = Number(opened[1]);
    });
    void exited.then(() => reject(new Error("the proxy process exited before listening")));
  });
  return {
    port,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
      return tunnels;
    },
  };
}

/** `runs` timed sign-ins each way (after a warm-up), sorted. */
export async function proxyLoginLatencies(runs: number): Promise<ProxyLoginFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-bench-proxy-"));
  const sim = await startSimulator({ dataDir, hashProfile: "fast", quiet: true });
  const proxy = await startProxyProcess();
  const local = await startConnectProxy({ users: { [PROXY_USER]: PROXY_PASSWORD } });
  const through = async (port: number) => {
    const network = new NetworkService({
      setting: { load: () => ({ mode: "manual", proxy: `http://127.0.0.1:${port}` }), save: () => {} },
      env: {},
      keychain: new MemorySecretStore(),
    });
    await network.setCredentials(
      `127.0.0.1:${port}`,
      { username: PROXY_USER, password: PROXY_PASSWORD },
      false,
    );
    return createHttpClient({ baseURL: sim.url, caPem: sim.caCertPem, router: network });
  };
  const direct = createHttpClient({ baseURL: sim.url, caPem: sim.caCertPem });
  const clients = { direct, tunnelled: await through(proxy.port), sameProcess: await through(local.port) };
  const mailbox = new MailboxClient({ http: direct, controlToken: sim.controlToken });
  const user = { userId: "bench.user", password: "Bench#2023pass" };
  const created = await direct.post(
    "/__sim/users",
    {
      ...user,
      email: "bench.user@cp-bench.example",
      role: "user",
      participant: "B0001",
      clearingHouse: "HKSCC",
    },
    { headers: { Authorization: `Bearer ${sim.controlToken}` } },
  );
  if (created.status !== 201) throw new Error(`creating the bench user answered ${created.status}`);

  const signIn = async (http: typeof direct): Promise<number> => {
    const auth = new AuthClient({ http, clock: () => new Date() });
    const t0 = performance.now();
    const first = await auth.begin(user);
    const t1 = performance.now();
    if (first.state !== "OTP_REQUIRED") throw new Error(`authn answered ${first.state}`);
    const otp = (await mailbox.list(user.userId)).at(-1)?.otp ?? "";
    const t2 = performance.now();
    const done = await auth.verifyOtp({ otp });
    const t3 = performance.now();
    if (done.state !== "SUCCESS") throw new Error(`verify answered ${done.state}`);
    await auth.signOut();
    return t1 - t0 + (t3 - t2);
  };

  const sides = ["direct", "tunnelled", "sameProcess"] as const;
  const figures = { direct: [] as number[], tunnelled: [] as number[], sameProcess: [] as number[] };
  let tunnels: number;
  try {
    const warmUp = Math.min(20, Math.ceil(runs / 10));
    for (let i = 0; i < runs + warmUp; i++) {
      // In turn, each side first a third of the time, so drift and noise fall on all of them.
      for (let k = 0; k < sides.length; k++) {
        const side = sides[(i + k) % sides.length] ?? "direct";
        const ms = await signIn(clients[side]);
        if (i >= warmUp) figures[side].push(ms);
      }
    }
  } finally {
    for (const client of Object.values(clients)) destroyHttpClient(client);
    await local.stop();
    tunnels = await proxy.stop();
    await sim.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const byValue = (a: number, b: number) => a - b;
  return {
    direct: figures.direct.sort(byValue),
    tunnelled: figures.tunnelled.sort(byValue),
    sameProcess: figures.sameProcess.sort(byValue),
    tunnels,
  };
}
