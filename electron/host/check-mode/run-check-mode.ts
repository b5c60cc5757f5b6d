import { exitCodes, type ExitCode } from "../../../shared/cli.js";
import { PRODUCTION_SSO_URL, type CheckResult } from "../../../shared/contract/connectivity.js";
import { isAppError } from "../../../shared/errors.js";
import { toCheckOptions } from "../../services/connectivity/check-options.js";
import { exitCodeOf, formatStep, formatSummary } from "../../services/connectivity/cli-output.js";
import { machineOrigin } from "../../services/connectivity/connectivity-service.js";
import { defaultDependencies } from "../../services/connectivity/default-dependencies.js";
import { newRunId } from "../../services/connectivity/history-store.js";
import { htmlReport, jsonReport } from "../../services/connectivity/report.js";
import { runCheck } from "../../services/connectivity/run-check.js";
import { NetworkService } from "../../services/network/network-service.js";
import { KeytarSecretStore } from "../../services/secrets/keytar-secret-store.js";
import type { SecretStore } from "../../services/secrets/secret-store.js";
import { loadMachineDefaults, machineDefaultsFile } from "../../services/settings/machine-defaults.js";
import { SettingsStore } from "../../services/settings/settings-store.js";
import { writeAtomic } from "../../services/util/write-atomic.js";
import { browserProbe } from "../browser-stack.js";
import type { HostPlatform } from "../context.js";
import type { CheckModeArgs } from "./check-mode-args.js";

export interface CheckModeEnvironment {
  /** The app's data folder: its settings (the person's proxy setting and server) are read, never written. */
  dataDir: string;
  /** A folder standing in for the system's root for the machine-wide defaults (tests only). */
  systemRoot?: string | undefined;
  version: string;
  /** The desktop app's browser stack and the system's proxy answer. */
  platform: HostPlatform;
  /** The keychain of remembered proxy credentials (the app's). */
  keychain?: SecretStore;
  out(text: string): void;
  err(text: string): void;
}

const plain = { paint: (_style: string, text: string) => text };

/**
 * `"CCMS Terminal.exe" --check`: the connectivity check with no window, as the app's own screen
 * runs it (the browser stack's step first, the app's route and proxy credentials, IT's machine-wide
 * defaults), its result saved as files (a Windows program has no console) and its verdict as the
 * exit status, `ccms-check`'s: 0 pass, 1 warnings, 2 a failure or a report not saved, 64 bad usage.
 */
export async function runCheckMode(args: CheckModeArgs, env: CheckModeEnvironment): Promise<ExitCode> {
  const machine = loadMachineDefaults(machineDefaultsFile(process.platform, process.env, env.systemRoot));
  if (machine.problem)
    env.err(`The machine-wide defaults file ${machine.file} is ignored: ${machine.problem}.\n`);
  const settings = new SettingsStore(env.dataDir, (line) => env.err(`${line}\n`), machine).load();
  const network = new NetworkService({
    setting: { load: () => settings.network, save: () => {}, locked: () => true },
    systemResolver: env.platform.resolveProxy,
    keychain: env.keychain ?? new KeytarSecretStore(),
  });
  const browser = env.platform.browser;
  if (browser) await browser.applyNetwork(settings.network);

  const target = args.url
    ? { url: args.url, caFile: args.caFile ?? undefined }
    : settings.server.kind === "custom"
      ? { url: settings.server.url, caFile: settings.server.caFile }
      : { url: PRODUCTION_SSO_URL, caFile: undefined };
  let options;
  try {
    options = toCheckOptions(
      {
        target: { kind: "url", url: target.url },
        dnsServers: args.dnsServers,
        caFile: target.caFile,
        timeoutMs: args.timeoutMs ?? 10_000,
      },
      () => null,
    );
  } catch (error) {
    env.err(`ccms-terminal --check: ${isAppError(error) ? error.message : String(error)}\n`);
    return args.caFile ? exitCodes.usage : exitCodes.checkFailed;
  }
  const credentialsFor = (proxy: string) => network.credentialsFor(proxy);
  const deps = defaultDependencies({
    router: { decide: (url) => network.decide(url), credentialsFor },
    browser: browser ? browserProbe(browser, credentialsFor) : undefined,
  });
  env.out(`Checking ${options.url.href} from ${args.pcName} (each step at most ${options.timeoutMs} ms)\n\n`);
  const checked = await runCheck(options, deps, (step) => env.out(formatStep(step, plain)));
  const result: CheckResult = { ...checked, pcName: args.pcName };
  env.out(formatSummary(result, plain));
  return saveReports(args, result, env) ? exitCodeOf(result.status) : exitCodes.checkFailed;
}

/** Writes the JSON and HTML reports asked for; false (with the reason on stderr) when one cannot be written. */
function saveReports(args: CheckModeArgs, result: CheckResult, env: CheckModeEnvironment): boolean {
  const reports: [string | null, () => string][] = [
    [args.json, () => jsonReport(result)],
    [
      args.html,
      () =>
        htmlReport({
          runId: newRunId(new Date(result.startedAt)),
          targetKind: "url",
          origin: machineOrigin(env.version),
          result,
        }),
    ],
  ];
  let saved = true;
  for (const [file, content] of reports) {
    if (file === null) continue;
    try {
      writeAtomic(file, content());
      env.out(`Report saved to ${file}\n`);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      env.err(`ccms-terminal --check: the report could not be saved to ${file}: ${reason}\n`);
      saved = false;
    }
  }
  return saved;
}
