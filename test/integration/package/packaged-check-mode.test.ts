import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pcReportSchema } from "../../../shared/wire/readiness.js";
import { runBundledCheck } from "../../support/electron-bundles.js";
import { extractApp, packageApp, withoutNodePath, type PackagedApp } from "../../support/packaged-app.js";
import { closedPort } from "../../support/ports.js";
import { startSimulatorProcess, type SimulatorProcess } from "../../support/simulator-process.js";

let app: PackagedApp;

beforeAll(() => {
  app = packageApp("package-check");
}, 240_000);

afterAll(() => app?.remove());

describe('the packaged app started as IT starts it: "CCMS Terminal.exe" --check', () => {
  let extracted: string;
  let sim: SimulatorProcess;
  let work: string;

  beforeAll(async () => {
    extracted = extractApp(app);
    sim = await startSimulatorProcess();
    work = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-packaged-check-"));
  }, 60_000);
  afterAll(async () => {
    await sim?.stop();
    fs.rmSync(extracted, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** The packaged main bundle with `--check` and `args`; IT's machine-wide defaults below `systemRoot`. */
  const check = (args: string[], systemRoot?: string) =>
    runBundledCheck(
      path.join(extracted, "dist-electron/main.cjs"),
      ["--check", "--data", path.join(work, "data"), ...args],
      {
        cwd: extracted,
        env: {
          ...withoutNodePath(process.env),
          ...(systemRoot ? { CCMS_SYSTEM_ROOT: systemRoot } : {}),
        },
      },
    );

  it("checks the standalone simulator IT's defaults name: exit 0, no window, the JSON read back for the board", async () => {
    const root = path.join(work, "system");
    fs.mkdirSync(path.join(root, "etc/ccms-terminal"), { recursive: true });
    fs.writeFileSync(
      path.join(root, "etc/ccms-terminal/defaults.json"),
      JSON.stringify({
        server: { kind: "custom", url: `${sim.url}/sso`, caFile: sim.caFile },
        network: { mode: "none" },
        locked: ["server", "network"],
      }),
    );
    const json = path.join(work, "CP001-WS-01.json");
    const html = path.join(work, "CP001-WS-01.html");
    const run = await check(["--json", json, "--html", html, "--pc-name", "CP001-WS-01"], root);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(/"window"|"loadURL"/);
    expect(run.stdout).toContain('{"exit":0}');
    const report = pcReportSchema.parse(JSON.parse(fs.readFileSync(json, "utf8")));
    expect(report).toMatchObject({ pcName: "CP001-WS-01", status: "pass", target: `${sim.url}/sso` });
    expect(report.steps.map((step) => [step.id, step.status])).toEqual([
      ["browser", "pass"],
      ["proxy", "pass"],
      ["dns", "pass"],
      ["tcp", "pass"],
      ["tls", "pass"],
      ["http", "pass"],
      ["page", "pass"],
    ]);
    expect(fs.readFileSync(html, "utf8")).toContain("CP001-WS-01");
  }, 120_000);

  it("checks an address where nothing listens: exit 2, the JSON names the failing step", async () => {
    const json = path.join(work, "unreachable.json");
    const url = `https://127.0.0.1:${await closedPort()}/sso`;
    const run = await check(["--url", url, "--json", json, "--pc-name", "CP001-WS-02"]);
    expect(run.code, run.stderr).toBe(2);
    const report = pcReportSchema.parse(JSON.parse(fs.readFileSync(json, "utf8")));
    expect(report.status).toBe("fail");
    const failing = report.steps.find((step) => step.status === "fail");
    expect(failing).toMatchObject({ id: "browser", code: "SERVER_UNREACHABLE" });
    expect(failing?.detail).toContain("net::ERR_CONNECTION_REFUSED");
  }, 120_000);

  it("answers a mistake on its command line with exit 64 and its usage", async () => {
    const run = await check(["--json"]);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain("Usage:");
  }, 60_000);
});
