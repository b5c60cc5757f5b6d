import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CheckRun } from "../../../shared/contract/connectivity.js";
import { CheckHistoryStore, htmlReport, jsonReport } from "../../../electron/services/connectivity/index.js";
import { newRunId } from "../../../electron/services/connectivity/history-store.js";

let dir: string;

const runAt = (iso: string, detail = "ok"): CheckRun => ({
  runId: newRunId(new Date(iso)),
  targetKind: "url",
  origin: { machine: "pc-01", user: "it", platform: "linux", appVersion: "0.1.0" },
  result: {
    status: "pass",
    startedAt: iso,
    target: "https://sso.example/sso",
    steps: [{ id: "proxy", status: "pass", durationMs: 1, detail, hint: null }],
    timings: { dnsMs: 1, connectMs: 1, tlsMs: 1, ttfbMs: 1, totalMs: 4 },
  },
});

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-check-history-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the check history", () => {
  it("stores runs and lists them newest first, leaving no temporary files", () => {
    const store = new CheckHistoryStore(dir);
    const older = runAt("2026-01-01T00:00:00.000Z");
    const newer = runAt("2026-02-01T00:00:00.000Z");
    store.save(older);
    store.save(newer);
    expect(store.list().map((run) => run.runId)).toEqual([newer.runId, older.runId]);
    expect(store.get(older.runId)).toEqual(older);
    expect(fs.readdirSync(dir).every((name) => name.endsWith(".json"))).toBe(true);
  });

  it("skips a corrupt file with a warning and keeps the rest", () => {
    const warnings: string[] = [];
    const store = new CheckHistoryStore(dir, (line) => warnings.push(line));
    const good = runAt("2026-01-01T00:00:00.000Z");
    store.save(good);
    fs.writeFileSync(path.join(dir, "20260101T000000000Z-broken.json"), "{ not json");
    fs.writeFileSync(path.join(dir, "20260101T000000000Z-wrong.json"), JSON.stringify({ hello: 1 }));
    expect(store.list().map((run) => run.runId)).toEqual([good.runId]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain("Skipping");
  });

  it("refuses ids that are not file names of its own", () => {
    const store = new CheckHistoryStore(dir);
    expect(store.get("../../etc/passwd")).toBeNull();
  });

  it("keeps only the newest runs", () => {
    const store = new CheckHistoryStore(dir, () => {}, 2);
    for (const month of ["01", "02", "03"]) store.save(runAt(`2026-${month}-01T00:00:00.000Z`));
    expect(store.list().map((run) => run.result.startedAt)).toEqual([
      "2026-03-01T00:00:00.000Z",
      "2026-02-01T00:00:00.000Z",
    ]);
  });
});

describe("reports", () => {
  it("writes the JSON report with exactly the documented keys", () => {
    const report = JSON.parse(jsonReport(runAt("2026-01-01T00:00:00.000Z").result)) as Record<
      string,
      unknown
    >;
    expect(Object.keys(report)).toEqual(["status", "startedAt", "target", "steps", "timings"]);
  });

  it("writes a self-contained HTML page with every step and escaped content", () => {
    const html = htmlReport(runAt("2026-01-01T00:00:00.000Z", '<script>alert("x")</script>'));
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).not.toContain("<script>");
    expect(html).toContain("pc-01");
    expect(html).toContain("0.1.0");
    expect(html).not.toMatch(/<link|src=|@import/);
  });

  it("gives the check's time in Hong Kong time, whatever this computer's zone", () => {
    const html = htmlReport(runAt("2026-01-01T00:00:00.000Z", "https://example.com/"));
    expect(html).toContain('<time datetime="2026-01-01T00:00:00.000Z">1 Jan 2026, 8:00:00 am HKT</time>');
  });
});
