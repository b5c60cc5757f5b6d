import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import axios from "axios";
import { afterEach, describe, expect, it } from "vitest";
import { exitOf, spawnCli, startCli } from "./cli-process.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-sim-cli-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function usageExit(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawnCli(args);
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  return { code: await exitOf(child), stderr };
}

describe("simulator CLI", () => {
  it("prints the URL, CA file and control token, serves HTTPS with that CA, and stops cleanly on SIGTERM", async () => {
    const dir = tempDir();
    const run = await startCli(["--port", "0", "--data", dir, "--hash-profile", "fast"]);
    expect(run.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(run.caFile).toBe(path.join(dir, "ca", "ca-cert.pem"));
    expect(path.isAbsolute(run.caFile)).toBe(true);
    expect(run.controlToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(fs.statSync(path.join(dir, "ca", "ca-key.pem")).mode & 0o777).toBe(0o600);

    const agent = new https.Agent({ ca: fs.readFileSync(run.caFile) });
    const res = await axios.get(`${run.url}/__sim/status`, {
      httpsAgent: agent,
      headers: { authorization: `Bearer ${run.controlToken}` },
    });
    expect(res.status).toBe(200);
    agent.destroy();
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  });

  it("does not print a control token that was given", async () => {
    const dir = tempDir();
    const run = await startCli([
      "--data",
      dir,
      "--hash-profile",
      "fast",
      "--control-token",
      "given-token-123",
    ]);
    expect(run.controlToken).toBeNull();
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(0);
  });

  it("answers bad flags and unknown commands with usage and exit 64", async () => {
    for (const args of [["--port", "http"], ["frobnicate"]]) {
      const { code, stderr } = await usageExit(args);
      expect(code, args.join(" ")).toBe(64);
      expect(stderr).toMatch(/^simulator: .+\n\nUsage: npm run simulator/);
    }
  });
});
