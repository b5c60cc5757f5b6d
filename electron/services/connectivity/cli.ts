import fs from "node:fs";
import path from "node:path";
import { isAppError } from "../../../shared/errors.js";
import { toCheckOptions } from "./check-options.js";
import { parseCliArgs, usage } from "./cli-args.js";
import { exitCodeOf, formatStep, formatSummary, painterFor } from "./cli-output.js";
import { machineOrigin } from "./connectivity-service.js";
import { ProxyCredentialStore } from "../network/proxy-credential-store.js";
import { KeytarSecretStore } from "../secrets/keytar-secret-store.js";
import { defaultDependencies, systemRouter } from "./default-dependencies.js";
import { newRunId } from "./history-store.js";
import { htmlReport, jsonReport } from "./report.js";
import { runCheck } from "./run-check.js";

export const EXIT_USAGE = 64;

/** `ccms-check`: runs the check once and answers with an exit status; never throws. */
export async function main(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const out = (text: string): void => void process.stdout.write(text);
  const err = (text: string): void => void process.stderr.write(text);
  const parsed = parseCliArgs(argv);
  if (parsed.kind === "help") {
    out(usage);
    return 0;
  }
  if (parsed.kind === "usage-error") {
    err(`ccms-check: ${parsed.message}\n\n${usage}`);
    return EXIT_USAGE;
  }
  const { request, json, htmlFile } = parsed.options;
  let options;
  try {
    options = toCheckOptions(request, () => null);
  } catch (error) {
    err(`ccms-check: ${isAppError(error) || error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
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
      err(
        `ccms-check: the report could not be saved to ${htmlFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`,
      );
      return 2;
    }
  }
  return exitCodeOf(result.status);
}

function writeAtomic(file: string, content: string): void {
  const temp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temp, content);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

function appVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
      version?: unknown;
    };
    return typeof pkg.version === "string" ? pkg.version : "unknown";
  } catch {
    return "unknown";
  }
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (invokedDirectly || process.env.CCMS_CHECK_BIN === "1") {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `ccms-check: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 2;
    },
  );
}
