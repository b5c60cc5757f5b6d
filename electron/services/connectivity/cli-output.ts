import type { CheckResult, CheckStatus, CheckStep } from "../../../shared/contract/connectivity.js";
import { exitCodes, type ExitCode } from "../../../shared/cli.js";

const codes = { pass: "32", warn: "33", fail: "31", skip: "90", bold: "1", dim: "2" } as const;

export interface Painter {
  paint(style: keyof typeof codes, text: string): string;
}

/** Colour only on a terminal, and never when NO_COLOR is set. */
export function painterFor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): Painter {
  const colour =
    stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === "") && env.TERM !== "dumb";
  return { paint: (style, text) => (colour ? `\u001b[${codes[style]}m${text}\u001b[0m` : text) };
}

const labels: Record<CheckStatus, string> = { pass: "PASS", warn: "WARN", fail: "FAIL", skip: "SKIP" };
const names: Record<CheckStep["id"], string> = {
  browser: "edge",
  proxy: "proxy",
  dns: "dns",
  tcp: "tcp",
  tls: "tls",
  http: "http",
  page: "page",
};

export function formatStep(step: CheckStep, painter: Painter): string {
  const head = `${painter.paint(step.status, labels[step.status].padEnd(4))}  ${painter.paint("bold", names[step.id].padEnd(5))} ${painter.paint("dim", `${step.durationMs} ms`)}`;
  const detail = step.detail
    .split("\n")
    .map((line) => `        ${line}`)
    .join("\n");
  const hint = step.hint
    ? `\n        ${painter.paint(step.status === "fail" ? "fail" : "warn", "What to do:")} ${step.hint}`
    : "";
  return `${head}\n${detail}${hint}\n`;
}

const verdicts: Record<CheckResult["status"], string> = {
  pass: "All checks passed: this PC reaches the sign-in page.",
  warn: "This PC reaches the sign-in page, with warnings (see above).",
  fail: "This PC does not reach the sign-in page: see the failed step and what to do.",
};

export function formatSummary(result: CheckResult, painter: Painter): string {
  const t = result.timings;
  const ms = (value: number | null): string => (value === null ? "-" : `${value} ms`);
  return `\n${painter.paint(result.status, labels[result.status])}  ${verdicts[result.status]}\n${painter.paint(
    "dim",
    `timings: dns ${ms(t.dnsMs)}, connect ${ms(t.connectMs)}, tls ${ms(t.tlsMs)}, first byte ${ms(t.ttfbMs)}, total ${ms(t.totalMs)}`,
  )}\n`;
}

const exitByStatus = {
  pass: exitCodes.ok,
  warn: exitCodes.checkWarnings,
  fail: exitCodes.checkFailed,
} as const satisfies Record<CheckResult["status"], ExitCode>;

export const exitCodeOf = (status: CheckResult["status"]): ExitCode => exitByStatus[status];
