import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

/** Why HAProxy cannot run here, or null. */
export function haproxyUnavailable(): string | null {
  return spawnSync("haproxy", ["-v"]).status === 0
    ? null
    : "haproxy is not installed (apt-get install haproxy)";
}

export interface Haproxy {
  port: number;
  /** What HAProxy printed so far: its warnings (servers going DOWN/UP) and one log line per connection. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * HAProxy in TCP mode in front of simulator instances: TLS passes through to them. A server is
 * taken out when its /healthz stops answering (checked over TLS against the simulator's CA);
 * a connection refused by a dead one goes to another (redispatch).
 */
export function haproxyConfig(port: number, servers: Array<{ port: number }>, caFile: string): string {
  return [
    "global",
    // Kept in memory by startHaproxy and shown when a test fails.
    "  log stdout format raw local0",
    "defaults",
    "  mode tcp",
    "  log global",
    "  option tcplog",
    "  timeout connect 1s",
    "  timeout client 30s",
    "  timeout server 30s",
    // A busy instance (or a busy machine) is slow, not dead: only a check that gets no answer in 2 s fails.
    "  timeout check 2s",
    "  retries 3",
    "  option redispatch 1",
    "frontend simulators",
    `  bind 127.0.0.1:${port}`,
    "  default_backend instances",
    "backend instances",
    "  balance roundrobin",
    "  option httpchk",
    "  http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host localhost",
    "  http-check expect status 200",
    `  default-server check check-ssl verify required ca-file ${caFile} inter 500ms fall 3 rise 2`,
    ...servers.map((server, i) => `  server sim${i + 1} 127.0.0.1:${server.port}`),
    "",
  ].join("\n");
}

async function listening(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.destroy();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`haproxy did not listen on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function startHaproxy(dir: string, config: string, port: number): Promise<Haproxy> {
  const file = path.join(dir, "haproxy.cfg");
  fs.writeFileSync(file, config);
  const child: ChildProcess = spawn("haproxy", ["-f", file, "-db"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer) => (output += chunk.toString());
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await Promise.race([
    listening(port, 10_000),
    exited.then(() => {
      throw new Error(`haproxy exited: ${output}`);
    }),
  ]);
  return {
    port,
    log: () => output,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
