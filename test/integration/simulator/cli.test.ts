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

  it("takes the control token from a file or the environment without a word, and warns against the flag", async () => {
    const status = async (url: string, caFile: string, token: string) => {
      const agent = new https.Agent({ ca: fs.readFileSync(caFile) });
      try {
        const res = await axios.get(`${url}/__sim/status`, {
          httpsAgent: agent,
          headers: { authorization: `Bearer ${token}` },
          validateStatus: () => true,
        });
        return res.status;
      } finally {
        agent.destroy();
      }
    };
    const dir = tempDir();
    const file = path.join(dir, "control-token");
    fs.writeFileSync(file, "token-from-a-file-1234\n", { mode: 0o600 });
    const ways: Array<{ args: string[]; env?: NodeJS.ProcessEnv; token: string; warned: boolean }> = [
      { args: ["--control-token-file", file], token: "token-from-a-file-1234", warned: false },
      {
        args: [],
        env: { ...process.env, CCMS_SIM_CONTROL_TOKEN: "token-from-the-env-5678" },
        token: "token-from-the-env-5678",
        warned: false,
      },
      { args: ["--control-token", "token-on-the-line-9012"], token: "token-on-the-line-9012", warned: true },
    ];
    for (const way of ways) {
      const run = await startCli(["--data", tempDir(), "--hash-profile", "fast", ...way.args], way.env);
      try {
        expect(run.controlToken, way.token).toBeNull();
        expect(await status(run.url, run.caFile, way.token)).toBe(200);
        expect(await status(run.url, run.caFile, "some-other-token-000")).toBe(401);
        expect(
          run.stderr().includes("Warning: --control-token puts the control token in the process list"),
        ).toBe(way.warned);
        expect(run.stderr()).not.toContain(way.token);
      } finally {
        run.child.kill("SIGTERM");
        expect(await run.exited).toBe(0);
      }
    }
  });

  it("answers bad flags and unknown commands with usage and exit 64", async () => {
    for (const args of [["--port", "http"], ["frobnicate"]]) {
      const { code, stderr } = await usageExit(args);
      expect(code, args.join(" ")).toBe(64);
      expect(stderr).toMatch(/^simulator: .+\n\nUsage: npm run simulator/);
    }
  });
});
