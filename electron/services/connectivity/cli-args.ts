import { parseArgs } from "node:util";
import { UsageError } from "../../../shared/cli.js";
import { checkRunInputSchema, PRODUCTION_SSO_URL } from "../../../shared/contract/connectivity.js";
import type { CheckRequest } from "./check-options.js";

export const usage = `Usage: ccms-check [options]

Checks, step by step, that this PC reaches the CCMS 2FA sign-in page:
proxy, DNS, TCP, TLS, HTTP and the page itself.

Options:
  --url <url>          address to check (default ${PRODUCTION_SSO_URL})
  --dns-server <ip>    also ask this DNS server (ip or ip:port, [ipv6]:port); repeatable
  --ca <file>          trust this CA certificate (PEM) too, e.g. a TLS-inspecting proxy's
  --proxy <url>        use this HTTP proxy (http://[user:password@]host:port);
                       default: HTTPS_PROXY / NO_PROXY from the environment
  --timeout <ms>       limit for each step (default 10000; whole run at most 3x)
  --json               print the result as JSON
  --html <file>        also save an HTML report to <file>
  -h, --help           show this help

Exit status: 0 all passed, 1 warnings, 2 a failure, 64 bad usage.
`;

export interface CliOptions {
  request: CheckRequest;
  json: boolean;
  htmlFile: string | null;
}

export type ParsedArgs = { kind: "help" } | { kind: "run"; options: CliOptions };

/** Reads the command line; anything wrong throws a UsageError naming the flag. */
export function parseCliArgs(argv: string[]): ParsedArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: "string" },
        "dns-server": { type: "string", multiple: true },
        ca: { type: "string" },
        proxy: { type: "string" },
        timeout: { type: "string" },
        json: { type: "boolean" },
        html: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { kind: "help" };
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    if (!/^\d+$/.test(values.timeout.trim())) {
      throw new UsageError(`--timeout expects a whole number of milliseconds, not "${values.timeout}".`);
    }
    timeoutMs = Number(values.timeout);
  }
  const parsed = checkRunInputSchema.safeParse({
    target: values.url === undefined ? { kind: "production" } : { kind: "url", url: values.url },
    dnsServers: values["dns-server"] ?? [],
    ...(values.ca !== undefined ? { caFile: values.ca } : {}),
    ...(values.proxy !== undefined ? { proxy: values.proxy } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = flagOf(issue?.path ?? []);
    const given =
      flag === "--url" ? ` "${values.url ?? ""}"` : flag === "--proxy" ? ` "${values.proxy ?? ""}"` : "";
    throw new UsageError(`${flag}${given}: ${describeIssue(flag, issue?.message ?? "invalid")}`);
  }
  if (values.html !== undefined && values.html.trim() === "") {
    throw new UsageError("--html expects a file name.");
  }
  return {
    kind: "run",
    options: { request: parsed.data, json: values.json ?? false, htmlFile: values.html ?? null },
  };
}

function flagOf(path: PropertyKey[]): string {
  const [first] = path;
  switch (first) {
    case "target":
      return "--url";
    case "dnsServers":
      return "--dns-server";
    case "caFile":
      return "--ca";
    case "proxy":
      return "--proxy";
    case "timeoutMs":
      return "--timeout";
    default:
      return String(first ?? "input");
  }
}

function describeIssue(flag: string, message: string): string {
  switch (flag) {
    case "--url":
      return "expected an address like https://sso.example.com/sso";
    case "--proxy":
      return "expected an address like http://proxy.example.com:8080";
    case "--timeout":
      return `${message} (milliseconds)`;
    default:
      return message;
  }
}
