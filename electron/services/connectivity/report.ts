import type { CheckResult, CheckRun, ReportFormat } from "../../../shared/contract/connectivity.js";
import { formatDateTime } from "../../../shared/hong-kong-time.js";

/** The JSON report: exactly the shape `ccms-check --json` prints. */
export function jsonReport(result: CheckResult): string {
  const { pcName, status, startedAt, target, steps, timings } = result;
  return `${JSON.stringify(
    {
      ...(pcName === undefined ? {} : { pcName }),
      status,
      startedAt,
      target,
      // `code` only where the sign-in would fail with that error code too (a proxy's failure, say).
      steps: steps.map(({ id, status: stepStatus, durationMs, detail, hint, code }) => ({
        id,
        status: stepStatus,
        durationMs,
        detail,
        hint,
        ...(code === undefined ? {} : { code }),
      })),
      timings,
    },
    null,
    2,
  )}\n`;
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );

const stepNames: Record<string, string> = {
  browser: "The SSO page as Microsoft Edge would reach it",
  proxy: "Proxy",
  dns: "DNS",
  tcp: "TCP connection",
  tls: "TLS (certificate)",
  http: "HTTP",
  page: "Sign-in page",
};

const verdict: Record<CheckResult["status"], string> = {
  pass: "All checks passed: this PC reaches the sign-in page.",
  warn: "This PC reaches the sign-in page, with warnings worth a look.",
  fail: "This PC does not reach the sign-in page. See the failed step and its hint.",
};

/** A self-contained HTML page (inline CSS, nothing fetched) for the CP's records. */
export function htmlReport(run: CheckRun): string {
  const { result, origin } = run;
  const ms = (value: number | null): string => (value === null ? "—" : `${value} ms`);
  const rows = result.steps
    .map(
      (step) => `<tr class="${step.status}">
<th scope="row">${escapeHtml(stepNames[step.id] ?? step.id)}</th>
<td><span class="badge">${escapeHtml(step.status.toUpperCase())}</span></td>
<td>${step.durationMs} ms</td>
<td><pre>${escapeHtml(step.detail)}</pre>${step.code ? `<p class="code">Error code: <code>${escapeHtml(step.code)}</code></p>` : ""}${step.hint ? `<p class="hint"><strong>What to do:</strong> ${escapeHtml(step.hint)}</p>` : ""}</td>
</tr>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Connectivity check ${escapeHtml(result.status.toUpperCase())} – ${escapeHtml(result.target)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1b1b1b}
h1{font-size:1.4rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.4rem .6rem;text-align:left;vertical-align:top}
pre{white-space:pre-wrap;word-break:break-word;margin:0;font:12px/1.4 ui-monospace,Consolas,monospace}
.badge{display:inline-block;padding:0 .4rem;border-radius:3px;font-weight:600}
.pass .badge{background:#d7f2dc;color:#0b5d1e}.warn .badge{background:#fff1c2;color:#6b4e00}
.fail .badge{background:#fbd5d5;color:#8a1010}.skip .badge{background:#e6e6e6;color:#444}
.summary{padding:.6rem .8rem;border-radius:4px;margin:1rem 0}.summary.pass{background:#d7f2dc}.summary.warn{background:#fff1c2}.summary.fail{background:#fbd5d5}
.hint{margin:.4rem 0 0}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
</style>
</head>
<body>
<h1>CCMS Terminal connectivity check</h1>
<p class="summary ${result.status}"><strong>${escapeHtml(result.status.toUpperCase())}</strong>: ${escapeHtml(verdict[result.status])}</p>
<dl>
${result.pcName === undefined ? "" : `<dt>PC</dt><dd>${escapeHtml(result.pcName)}</dd>\n`}<dt>Target</dt><dd>${escapeHtml(result.target)}</dd>
<dt>Time</dt><dd><time datetime="${escapeHtml(result.startedAt)}">${escapeHtml(formatDateTime(result.startedAt, "en"))}</time></dd>
<dt>Machine</dt><dd>${escapeHtml(origin.machine)}</dd>
<dt>OS user</dt><dd>${escapeHtml(origin.user)}</dd>
<dt>Platform</dt><dd>${escapeHtml(origin.platform)}</dd>
<dt>App version</dt><dd>${escapeHtml(origin.appVersion)}</dd>
<dt>Run</dt><dd>${escapeHtml(run.runId)}</dd>
<dt>Timings</dt><dd>DNS ${ms(result.timings.dnsMs)}, connect ${ms(result.timings.connectMs)}, TLS ${ms(result.timings.tlsMs)}, first byte ${ms(result.timings.ttfbMs)}, total ${ms(result.timings.totalMs)}</dd>
</dl>
<table>
<thead><tr><th scope="col">Step</th><th scope="col">Result</th><th scope="col">Time</th><th scope="col">What was seen</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}

export function renderReport(
  run: CheckRun,
  format: ReportFormat,
): { fileName: string; mimeType: string; content: string } {
  const stamp = run.result.startedAt.replace(/[:.]/g, "-");
  return format === "json"
    ? { fileName: `ccms-check-${stamp}.json`, mimeType: "application/json", content: jsonReport(run.result) }
    : { fileName: `ccms-check-${stamp}.html`, mimeType: "text/html", content: htmlReport(run) };
}
