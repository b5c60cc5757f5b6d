import { describe, expect, it } from "vitest";
import type { CheckResult } from "../../../shared/contract/connectivity.js";
import { checkRunInputSchema } from "../../../shared/contract/connectivity.js";
import { toRunInput } from "../../../renderer/features/connectivity/connectivity-store.js";
import { summaryKey } from "../../../renderer/features/connectivity/summary-key.js";
import en from "../../../renderer/i18n/en.json";
import zh from "../../../renderer/i18n/zh-HK.json";

const result = (
  statuses: [string, "pass" | "warn" | "fail" | "skip"][],
  status: CheckResult["status"],
): CheckResult => ({
  status,
  startedAt: "2026-01-01T00:00:00.000Z",
  target: "https://x/",
  steps: statuses.map(([id, stepStatus]) => ({
    id: id as CheckResult["steps"][number]["id"],
    status: stepStatus,
    durationMs: 1,
    detail: "",
    hint: null,
  })),
  timings: { dnsMs: null, connectMs: null, tlsMs: null, ttfbMs: null, totalMs: 1 },
});

describe("the Connectivity screen's logic", () => {
  it("turns the form into a valid run request", () => {
    const input = toRunInput({
      targetKind: "url",
      url: " https://sso.example/sso ",
      dnsServers: "1.1.1.1, 8.8.8.8:53  9.9.9.9",
      caFile: "",
      proxy: "http://proxy:3128",
      timeoutSeconds: "2.5",
    });
    expect(checkRunInputSchema.parse(input)).toEqual({
      target: { kind: "url", url: "https://sso.example/sso" },
      dnsServers: ["1.1.1.1", "8.8.8.8:53", "9.9.9.9"],
      proxy: "http://proxy:3128",
      timeoutMs: 2500,
    });
  });

  it("summarises by the first failed step, and every summary exists in both languages", () => {
    expect(
      summaryKey(
        result(
          [
            ["proxy", "pass"],
            ["dns", "fail"],
            ["tcp", "skip"],
          ],
          "fail",
        ),
      ),
    ).toBe("fail.dns");
    expect(summaryKey(result([["dns", "warn"]], "warn"))).toBe("warn");
    expect(summaryKey(result([["dns", "pass"]], "pass"))).toBe("pass");
    for (const tree of [en, zh]) {
      const summary = tree.connectivity.summary;
      expect(Object.keys(summary.fail).sort()).toEqual([
        "browser",
        "dns",
        "http",
        "page",
        "proxy",
        "tcp",
        "tls",
      ]);
      expect(summary.pass && summary.warn).toBeTruthy();
    }
    expect(Object.keys(zh.connectivity).sort()).toEqual(Object.keys(en.connectivity).sort());
  });
});
