import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCa } from "./support/pki.js";
import { refusedPort, ssoRoutes, startDnsServer, startHttpsServer, type Running } from "./support/servers.js";

const bin = path.resolve("bin/ccms-check.mjs");
let dir: string;
let caFile: string;
let server: Running;
const opened: Running[] = [];

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  const proxyVariable = /^(https?|all|no)_proxy$/i;
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !proxyVariable.test(name)));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...clean, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === "number" ? error.code : error ? -1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-check-cli-"));
  const ca = await createTestCa();
  caFile = path.join(dir, "ca.pem");
  fs.writeFileSync(caFile, ca.certPem);
  server = await startHttpsServer(await ca.issue(), ssoRoutes());
  opened.push(server);
});

afterAll(async () => {
  await Promise.all(opened.map((running) => running.close()));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("ccms-check", () => {
  it.each([
    [["--bogus"], "Unknown option '--bogus'"],
    [["--url", "not a url"], "--url"],
    [["--url", "ftp://example.com/"], "--url"],
    [["--url"], "--url"],
    [["--timeout", "soon"], "--timeout"],
    [["--timeout", "5"], "--timeout"],
    [["--dns-server", "dns.example.com"], "--dns-server"],
    [["--proxy", "proxy:8080:9"], "--proxy"],
    [["stray"], "stray"],
  ])("answers bad usage %j with exit 64 and the usage, no stack trace", async (args, mention) => {
    const outcome = await runCli(args);
    expect(outcome.code).toBe(64);
    expect(outcome.stderr).toContain(mention);
    expect(outcome.stderr).toMatch(/^ccms-check: .+\n\nUsage: ccms-check/);
    expect(outcome.stderr).not.toMatch(/\n\s+at /);
    expect(outcome.stdout).toBe("");
  });

  it("answers an unreadable CA file with exit 64 and the reason", async () => {
    const outcome = await runCli([
      "--url",
      `https://localhost:${server.port}/sso`,
      "--ca",
      path.join(dir, "missing.pem"),
    ]);
    expect(outcome.code).toBe(64);
    expect(outcome.stderr).toContain("cannot be read (ENOENT)");
    expect(outcome.stderr).not.toMatch(/\n\s+at /);
  });

  it("prints exactly the documented JSON and exits 0 when all pass", async () => {
    const outcome = await runCli(["--url", `https://localhost:${server.port}/sso`, "--ca", caFile, "--json"]);
    expect(outcome.code).toBe(0);
    const report = JSON.parse(outcome.stdout) as Record<string, unknown> & {
      steps: Record<string, unknown>[];
    };
    expect(Object.keys(report)).toEqual(["status", "startedAt", "target", "steps", "timings"]);
    expect(report.status).toBe("pass");
    expect(report.steps.map((step) => step.id)).toEqual(["proxy", "dns", "tcp", "tls", "http", "page"]);
    for (const step of report.steps)
      expect(Object.keys(step)).toEqual(["id", "status", "durationMs", "detail", "hint"]);
    expect(Object.keys(report.timings as object)).toEqual([
      "dnsMs",
      "connectMs",
      "tlsMs",
      "ttfbMs",
      "totalMs",
    ]);
  });

  it("exits 1 on warnings (a DNS server that disagrees)", async () => {
    const dns = await startDnsServer({ localhost: ["127.0.0.9"] });
    opened.push(dns);
    const outcome = await runCli([
      "--url",
      `https://localhost:${server.port}/sso`,
      "--ca",
      caFile,
      "--dns-server",
      `127.0.0.1:${dns.port}`,
    ]);
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toContain("WARN");
  });

  it("exits 2 on a failure, prints plain text without colour when not on a terminal, and saves an HTML report", async () => {
    const port = await refusedPort();
    const html = path.join(dir, "report.html");
    const outcome = await runCli(["--url", `https://127.0.0.1:${port}/sso`, "--html", html]);
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toContain("FAIL  tcp");
    expect(outcome.stdout).toContain("What to do:");
    expect(outcome.stdout).not.toContain("\u001b[");
    const saved = fs.readFileSync(html, "utf8");
    expect(saved).toContain("<!doctype html>");
    expect(saved).toContain(os.hostname());
    expect(saved).toContain(`https://127.0.0.1:${port}/sso`);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("takes the proxy from HTTPS_PROXY and honours NO_PROXY", async () => {
    const port = await refusedPort();
    const viaProxy = await runCli(
      ["--url", `https://localhost:${server.port}/sso`, "--ca", caFile, "--json"],
      {
        HTTPS_PROXY: `http://127.0.0.1:${port}`,
      },
    );
    const report = JSON.parse(viaProxy.stdout) as { steps: { id: string; detail: string; status: string }[] };
    expect(report.steps.find((step) => step.id === "proxy")?.detail).toContain(`127.0.0.1:${port}`);
    expect(report.steps.find((step) => step.id === "tcp")?.status).toBe("fail");
    const bypassed = await runCli(
      ["--url", `https://localhost:${server.port}/sso`, "--ca", caFile, "--json"],
      {
        HTTPS_PROXY: `http://127.0.0.1:${port}`,
        NO_PROXY: "localhost",
      },
    );
    expect(bypassed.code).toBe(0);
  });
});
