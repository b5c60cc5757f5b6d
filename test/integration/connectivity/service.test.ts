import dgram from "node:dgram";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckRun, CheckStep } from "../../../shared/contract/connectivity.js";
import { AppError } from "../../../shared/errors.js";
import {
  CheckHistoryStore,
  ConnectivityService,
  defaultDependencies,
  runCheck,
} from "../../../electron/services/connectivity/index.js";
import { createTestCa, type TestCa } from "./support/pki.js";
import { ssoRoutes, startHttpsServer, type Running } from "./support/servers.js";

let dir: string;
let ca: TestCa;
let server: Running;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-check-service-"));
  ca = await createTestCa();
  server = await startHttpsServer(await ca.issue(), ssoRoutes());
});

afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function service(builtin: { url: string; caPem: string } | null = null): ConnectivityService {
  return new ConnectivityService({
    dependencies: defaultDependencies({ resolveProxy: async () => "DIRECT" }),
    history: new CheckHistoryStore(path.join(dir, "history")),
    appVersion: "9.9.9",
    builtinTarget: () => builtin,
  });
}

describe("the connectivity service", () => {
  it("streams steps, announces the end, stores the run and renders its reports", async () => {
    const checks = service({ url: `https://localhost:${server.port}/sso`, caPem: ca.certPem });
    const steps: CheckStep[] = [];
    const done = new Promise<CheckRun>((resolve) => {
      const { runId } = checks.start(
        { target: { kind: "builtin" }, dnsServers: [], timeoutMs: 5_000 },
        { onStep: (_id, step) => steps.push(step), onDone: resolve },
      );
      expect(runId).toMatch(/^\d{8}T\d+Z-[0-9a-f]{8}$/);
    });
    const run = await done;
    expect(steps.map((step) => step.id)).toEqual(["proxy", "dns", "tcp", "tls", "http", "page"]);
    expect(run.result.status).toBe("pass");
    expect(run.targetKind).toBe("builtin");
    expect(run.origin.appVersion).toBe("9.9.9");
    expect(checks.history()[0]).toMatchObject({ runId: run.runId, status: "pass", targetKind: "builtin" });
    expect(checks.get(run.runId)).toEqual(run);
    const html = checks.report(run.runId, "html");
    expect(html.mimeType).toBe("text/html");
    expect(html.content).toContain("9.9.9");
    // The JSON report is what `ccms-check --json` prints: the English text, without the messages behind it.
    const english = run.result.steps.map(({ lines, advice, ...step }) => {
      expect(lines?.length).toBeGreaterThan(0);
      expect(advice).toEqual([]);
      return step;
    });
    expect(JSON.parse(checks.report(run.runId, "json").content)).toEqual({ ...run.result, steps: english });
  });

  it("refuses the built-in target when no simulator runs, an unreadable CA file, and an unknown run", () => {
    const checks = service(null);
    expect(() => checks.start({ target: { kind: "builtin" }, dnsServers: [], timeoutMs: 1_000 })).toThrow(
      AppError,
    );
    expect(() =>
      checks.start({
        target: { kind: "production" },
        dnsServers: [],
        caFile: path.join(dir, "none.pem"),
        timeoutMs: 1_000,
      }),
    ).toThrow(/CA file/);
    expect(() => checks.get("20260101T000000000Z-00000000")).toThrow(/no stored check/);
  });

  it("fails DNS on a server that never answers, within the timeout", async () => {
    const silent = dgram.createSocket("udp4");
    await new Promise<void>((resolve) => silent.bind(0, "127.0.0.1", resolve));
    try {
      const result = await runCheck(
        {
          url: new URL(`https://localhost:${server.port}/sso`),
          dnsServers: [{ host: "127.0.0.1", port: silent.address().port }],
          caPem: ca.certPem,
          proxy: null,
          timeoutMs: 300,
        },
        defaultDependencies({ resolveProxy: async () => "DIRECT" }),
      );
      const dns = result.steps.find((step) => step.id === "dns");
      expect(dns?.status).toBe("fail");
      expect(dns?.detail).toContain("no answer in time");
    } finally {
      silent.close();
    }
  });
});
