import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { pcReportSchema } from "../../../shared/wire/readiness.js";
import { startSimulator } from "../../../simulator/index.js";
import { startConnectProxy, type TestProxy } from "../../support/connect-proxy.js";
import { closedPort } from "../../support/ports.js";
import { record, resetRecord } from "./electron-stand-in.js";

vi.mock("electron", async () => (await import("./electron-stand-in.js")).electronStandIn);

const { runMain } = await import("../../../electron/main/run-main.js");

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

const NAME = "sso.cp.test";
let work: string;
let sim: Simulator;
let caFile: string;
let proxy: TestProxy;
let serverUrl: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-check-mode-"));
  sim = await startSimulator({
    dataDir: path.join(work, "sim"),
    hashProfile: "fast",
    quiet: true,
    hostnames: [NAME],
  });
  serverUrl = `https://${NAME}:${new URL(sim.url).port}/sso`;
  caFile = path.join(work, "sim-ca.pem");
  fs.writeFileSync(caFile, sim.caCertPem);
  proxy = await startConnectProxy({ hosts: { [NAME]: "127.0.0.1" } });
});

afterAll(async () => {
  await proxy.stop();
  await sim.close();
  delete process.env["CCMS_SYSTEM_ROOT"];
  fs.rmSync(work, { recursive: true, force: true });
});

beforeEach(() => {
  resetRecord();
  record.hosts = { [NAME]: "127.0.0.1" };
  record.proxyAnswer = "DIRECT";
  record.userData = fs.mkdtempSync(path.join(work, "user-"));
  delete process.env["CCMS_SYSTEM_ROOT"];
});

/** Runs the app as `"CCMS Terminal.exe" --check …` and answers its exit status and what it printed. */
async function checkMode(...args: string[]): Promise<{ code: number | undefined; out: string; err: string }> {
  let out = "";
  let err = "";
  const stdout = vi.spyOn(process.stdout, "write").mockImplementation((text) => {
    out += String(text);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, "write").mockImplementation((text) => {
    err += String(text);
    return true;
  });
  try {
    const handle = await runMain({ argv: [".", "--check", ...args] });
    expect(handle).toBeNull();
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return { code: record.exitCodes.at(-1), out, err };
}

const reportOf = (file: string) => pcReportSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));

describe('"CCMS Terminal.exe" --check: the check with no window, its verdict the exit status', () => {
  it("passes against a server given with --url and --ca: exit 0, the JSON for the board and the HTML saved, no window", async () => {
    const json = path.join(work, "CP001-WS-07.json");
    const html = path.join(work, "CP001-WS-07.html");
    const run = await checkMode(
      "--url",
      `${sim.url}/sso`,
      "--ca",
      caFile,
      "--json",
      json,
      "--html",
      html,
      "--pc-name",
      "CP001-WS-07",
    );
    expect(run.code, run.err).toBe(0);
    const report = reportOf(json);
    expect(report).toMatchObject({ pcName: "CP001-WS-07", status: "pass", target: `${sim.url}/sso` });
    expect(report.steps.map((step) => step.id)).toEqual([
      "browser",
      "proxy",
      "dns",
      "tcp",
      "tls",
      "http",
      "page",
    ]);
    expect(fs.readFileSync(html, "utf8")).toContain("<dt>PC</dt><dd>CP001-WS-07</dd>");
    expect(run.out).toContain(`Report saved to ${json}`);
    expect(record.windows).toEqual([]);
    expect(record.lockRequests).toBe(0);
    expect(record.ipcRegistrations).toEqual([]);
  });

  it("takes IT's machine-wide defaults: their server and CA file, their proxy; a phase step's failure is then a warning", async () => {
    const root = path.join(work, "system-root");
    fs.mkdirSync(path.join(root, "etc/ccms-terminal"), { recursive: true });
    fs.writeFileSync(
      path.join(root, "etc/ccms-terminal/defaults.json"),
      JSON.stringify({
        server: { kind: "custom", url: serverUrl, caFile },
        network: { mode: "manual", proxy: proxy.url },
        locked: ["server", "network"],
      }),
    );
    process.env["CCMS_SYSTEM_ROOT"] = root;
    const json = path.join(work, "defaults.json");
    const before = proxy.log.length;
    const run = await checkMode("--json", json);
    const report = reportOf(json);
    expect(report).toMatchObject({ target: serverUrl, pcName: expect.any(String) });
    expect(report.steps[0]).toMatchObject({ id: "browser", status: "pass" });
    expect(report.steps[0]?.detail).toContain(`route: PROXY ${proxy.endpoint}`);
    expect(proxy.log.slice(before).map((entry) => entry.authority)).toContain(new URL(serverUrl).host);
    // The server's name is in the stand-in's hosts file only: the phase steps' own lookup fails, fine
    // behind a proxy that resolves it. A warning, then: exit 1.
    expect(report.steps.find((step) => step.id === "dns")).toMatchObject({ status: "warn" });
    expect(report.steps.some((step) => step.status === "fail")).toBe(false);
    expect(report.status).toBe("warn");
    expect(run.code, run.err).toBe(1);
  });

  it("fails against an address where nothing listens: exit 2, the JSON names the failing step and the sign-in's code", async () => {
    const json = path.join(work, "unreachable.json");
    const url = `https://127.0.0.1:${await closedPort()}/sso`;
    const run = await checkMode("--url", url, "--json", json, "--pc-name", "CP001-WS-08");
    expect(run.code).toBe(2);
    const report = reportOf(json);
    expect(report.status).toBe("fail");
    expect(report.steps.find((step) => step.status === "fail")).toMatchObject({
      id: "browser",
      code: "SERVER_UNREACHABLE",
    });
    expect(report.steps[0]?.detail).toContain("net::ERR_CONNECTION_REFUSED");
    expect(report.steps.find((step) => step.id === "tcp")).toMatchObject({ status: "fail" });
  });

  it.each([
    [["--jsno", "x.json"], "Unknown option '--jsno'"],
    [["--pc-name", "not a name!"], "--pc-name"],
    [["--ca", "ca.pem"], "--ca needs --url"],
    [["--url", "ftp://x"], "--url"],
    [["--timeout", "soon"], "--timeout"],
  ])("refuses %j with exit 64 and the usage", async (args, says) => {
    const run = await checkMode(...args);
    expect(run.code).toBe(64);
    expect(run.err).toContain(says);
    expect(run.err).toContain("Usage:");
  });

  it("prints its usage with --help and exits 0", async () => {
    const run = await checkMode("--help");
    expect(run.code).toBe(0);
    expect(run.out).toContain("--pc-name <name>");
  });

  it("exits 2 when a report cannot be saved, and says where", async () => {
    const json = path.join(work, "no-such-folder", "x.json");
    const run = await checkMode("--url", serverUrl, "--ca", caFile, "--json", json);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`the report could not be saved to ${json}`);
  });
});
