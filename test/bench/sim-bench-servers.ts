import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";

/** The simulator instances a bench run measures: each in a process of its own (sim-bench-server.ts). */
export interface Server {
  url: URL;
  ca: Buffer;
  controlToken: string;
  children: ChildProcess[];
  /** Each instance's address; client i talks to instance i mod n. */
  urls: URL[];
  dirs: string[];
}

async function startInstance(profile: string, databaseUrl: string | undefined) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-sim-bench-"));
  const nodeFlags = (process.env.SIM_BENCH_NODE_FLAGS ?? "").split(" ").filter((f) => f !== "");
  const args = [...nodeFlags, "--import", "tsx", "test/bench/sim-bench-server.ts", profile, dir];
  if (databaseUrl !== undefined) args.push(databaseUrl);
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`the simulator exited (${code}) before it listened`)));
  });
  const info = JSON.parse(line) as { url: string; caFile: string; controlToken: string };
  return { info, child, dir };
}

export async function startServer(profile: string, instances: number, databaseUrl?: string): Promise<Server> {
  // The first instance migrates and makes the CA; the others join it.
  const first = await startInstance(profile, databaseUrl);
  const others = await Promise.all(
    Array.from({ length: instances - 1 }, () => startInstance(profile, databaseUrl)),
  );
  const all = [first, ...others];
  return {
    url: new URL(first.info.url),
    ca: fs.readFileSync(first.info.caFile),
    controlToken: first.info.controlToken,
    children: all.map((i) => i.child),
    urls: all.map((i) => new URL(i.info.url)),
    dirs: all.map((i) => i.dir),
  };
}

export async function stopServer(server: Server): Promise<void> {
  await Promise.all(
    server.children.map((child) => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      return exited;
    }),
  );
  for (const dir of server.dirs) fs.rmSync(dir, { recursive: true, force: true });
}
