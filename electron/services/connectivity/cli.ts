import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { exitCodes, failureText, UsageError, usageErrorText } from "../../../shared/cli.js";
import { toCheckOptions, type CheckRequest } from "./check-options.js";
import { parseCliArgs, usage } from "./cli-args.js";
import { exitCodeOf, formatStep, formatSummary, painterFor } from "./cli-output.js";
import { machineOrigin } from "./connectivity-service.js";
import { ProxyCredentialStore } from "../network/proxy-credential-store.js";
import { KeytarSecretStore } from "../secrets/keytar-secret-store.js";
import { defaultDependencies, systemRouter } from "./default-dependencies.js";
import { newRunId } from "./history-store.js";
import { htmlReport, jsonReport } from "./report.js";
import { runCheck } from "./run-check.js";
import { writeAtomic } from "../util/write-atomic.js";

const program = "ccms-check";
const packageName = "ccms-terminal-emulator";

/**
 * `ccms-check` (`bin/ccms-check.mjs` runs its bundle, `dist-qa/ccms-check.cjs`; `npm run check` this
 * source): runs the check once and answers with an exit status (see `exitCodes`).
 */
async function main(argv: string[], env: Record<string, string | undefined> = process.env): Promise<number> {
  const out = (text: string): void => void process.stdout.write(text);
  const err = (text: string): void => void process.stderr.write(text);
  let parsed;
  let options;
  try {
    parsed = parseCliArgs(argv);
    if (parsed.kind === "help") {
      out(usage);
      return exitCodes.ok;
    }
    options = checkOptionsOf(parsed.options.request);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(usageErrorText(program, error, usage));
    return exitCodes.usage;
  }
  const { json, htmlFile } = parsed.options;
  if (options.proxy?.password) {
    err(
      "ccms-check: warning: the --proxy address carries a password, which every user of this computer can read " +
        "in the process list; sign in once in the app and choose Remember on this computer instead.\n",
    );
  }
  const painter = painterFor(process.stdout, env);
  // The route of the environment (or --proxy), and the proxy credentials the app remembered in the keychain.
  const remembered = new ProxyCredentialStore(new KeytarSecretStore());
  const deps = defaultDependencies({
    router: { decide: systemRouter().decide, credentialsFor: (proxy) => remembered.get(proxy) },
  });
  if (!json) out(`Checking ${options.url.href} (each step at most ${options.timeoutMs} ms)\n\n`);
  const result = await runCheck(options, deps, (step) => {
    if (!json) out(formatStep(step, painter));
  });
  if (json) out(jsonReport(result));
  else out(formatSummary(result, painter));
  if (htmlFile) {
    const origin = machineOrigin(appVersion());
    const run = { runId: newRunId(new Date(result.startedAt)), targetKind: "url" as const, origin, result };
    try {
      writeAtomic(htmlFile, htmlReport(run));
      if (!json) out(`Report saved to ${path.resolve(htmlFile)}\n`);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      err(failureText(program, `the report could not be saved to ${htmlFile}: ${reason}`));
      return exitCodes.checkFailed;
    }
  }
  return exitCodeOf(result.status);
}

/** The check's options; a CA file that cannot be read is a mistake on the command line. */
function checkOptionsOf(request: CheckRequest) {
  try {
    return toCheckOptions(request, () => null);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The package's version, from the nearest package.json of ours above this file (the source's or the bundle's). */
function appVersion(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as {
        name?: unknown;
        version?: unknown;
      };
      if (pkg.name === packageName && typeof pkg.version === "string") return pkg.version;
    } catch {
      // No package.json here: look further up.
    }
    if (path.dirname(dir) === dir) return "unknown";
  }
}

/** Runs `ccms-check` with this process's arguments and sets its exit code. */
export function runProgram(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(failureText(program, error));
      process.exitCode = exitCodes.software;
    },
  );
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (invokedDirectly || process.env.CCMS_CHECK_BIN === "1") runProgram();
