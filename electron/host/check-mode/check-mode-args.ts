import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { UsageError } from "../../../shared/cli.js";
import { checkRunInputSchema, PRODUCTION_SSO_URL } from "../../../shared/contract/connectivity.js";
import { limits, pcNamePattern } from "../../../shared/contract/limits.js";

export const checkModeUsage = `Usage: "CCMS Terminal.exe" --check [options]      (macOS: open -W -a "CCMS Terminal" --args --check …;
                                                  Linux: ccms-terminal --check …)

Runs the connectivity check with no window, as the app's own screen runs it: first the SSO page through
this computer's network stack as Microsoft Edge reaches it, then proxy, DNS, TCP, TLS, HTTP and the page.
The server and the proxy setting are the app's (IT's machine-wide defaults included).

Options:
  --json <file>        save the result as JSON (the readiness board takes it as it is)
  --html <file>        save a self-contained HTML report
  --pc-name <name>     the PC's name in the reports (default: this computer's name)
  --url <url>          check this address instead of the app's server (default: the app's 2FA server,
                       else ${PRODUCTION_SSO_URL})
  --ca <file>          trust this CA certificate (PEM) for the server checked, e.g. a test server's
  --dns-server <ip>    also ask this DNS server (ip or ip:port); repeatable
  --timeout <ms>       limit for each step (default 10000)
  --data <dir>         the app's data folder (as for the app itself)
  -h, --help           show this help

Exit status: 0 all passed, 1 warnings, 2 a failure (or a report could not be saved), 64 bad usage.
`;

export interface CheckModeArgs {
  json: string | null;
  html: string | null;
  pcName: string;
  url: string | null;
  caFile: string | null;
  dnsServers: string[];
  timeoutMs: number | undefined;
  dataDir: string | null;
}

export type ParsedCheckMode = { kind: "help" } | { kind: "run"; args: CheckModeArgs };

/** Switches Chromium or Electron may carry on a command line; they are theirs, not mistakes. */
const chromiumSwitches = [
  /^--(no-sandbox|disable-gpu|enable-logging|lang|log-file|v|vmodule|proxy-server|proxy-pac-url|proxy-bypass-list|no-proxy-server|auth-server-allowlist|auth-negotiate-delegate-allowlist)(=|$)/,
];

/** Whether the process was started for the headless check. */
export function isCheckMode(argv: string[]): boolean {
  return argv.includes("--check");
}

/** Reads `--check`'s command line; anything wrong throws a UsageError naming the flag. */
export function parseCheckModeArgs(
  argv: string[],
  hostname: () => string = () => os.hostname(),
): ParsedCheckMode {
  const ours = argv.filter((arg) => !chromiumSwitches.some((pattern) => pattern.test(arg)));
  let values;
  try {
    ({ values } = parseArgs({
      args: ours,
      strict: true,
      // `electron .` (an app run from its source) leaves the app's folder on the line.
      allowPositionals: true,
      options: {
        check: { type: "boolean" },
        json: { type: "string" },
        html: { type: "string" },
        "pc-name": { type: "string" },
        url: { type: "string" },
        ca: { type: "string" },
        "dns-server": { type: "string", multiple: true },
        timeout: { type: "string" },
        data: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { kind: "help" };
  const file = (flag: "json" | "html" | "data"): string | null => {
    const value = values[flag];
    if (value === undefined) return null;
    if (value.trim() === "")
      throw new UsageError(`--${flag} expects a ${flag === "data" ? "folder" : "file"} name.`);
    return path.resolve(value);
  };
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    if (!/^\d+$/.test(values.timeout.trim()))
      throw new UsageError(`--timeout expects a whole number of milliseconds, not "${values.timeout}".`);
    timeoutMs = Number(values.timeout);
  }
  const checked = checkRunInputSchema.safeParse({
    target: values.url === undefined ? { kind: "production" } : { kind: "url", url: values.url },
    dnsServers: values["dns-server"] ?? [],
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  if (!checked.success) {
    const flag = { target: "--url", dnsServers: "--dns-server", timeoutMs: "--timeout" }[
      String(checked.error.issues[0]?.path[0]) as "target" | "dnsServers" | "timeoutMs"
    ];
    throw new UsageError(`${flag ?? "input"}: ${checked.error.issues[0]?.message ?? "invalid"}`);
  }
  if (values.ca !== undefined && values.url === undefined)
    throw new UsageError("--ca needs --url (the app's own server takes its CA file from the settings).");
  const pcName = values["pc-name"] ?? pcNameOf(hostname());
  if (!isPcName(pcName)) {
    throw new UsageError(
      `--pc-name "${pcName}": up to ${limits.pcNameMax} letters, digits, dots, dashes and underscores, starting with a letter or digit.`,
    );
  }
  return {
    kind: "run",
    args: {
      json: file("json"),
      html: file("html"),
      pcName,
      url: values.url ?? null,
      caFile: values.ca === undefined ? null : path.resolve(values.ca),
      dnsServers: checked.data.dnsServers,
      timeoutMs: checked.data.timeoutMs,
      dataDir: file("data"),
    },
  };
}

function isPcName(name: string): boolean {
  return name.length >= 1 && name.length <= limits.pcNameMax && pcNamePattern.test(name);
}

/** This computer's name as a PC name: the characters a PC name may have (`WS-0042.cp.local` stays as it is). */
function pcNameOf(hostname: string): string {
  const name = hostname
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[^A-Za-z0-9]+/, "")
    .slice(0, limits.pcNameMax);
  return name || "pc";
}
