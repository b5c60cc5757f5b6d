import fs from "node:fs";
import path from "node:path";
import { exitCodes, failureText, UsageError, usageErrorText } from "../../shared/cli.js";
import { openAppLog, teeConsoleToLog, type AppLog } from "../host/app-log.js";
import { userGuideFolder } from "../../shared/user-guide.js";
import { type SimulatorLauncher } from "../host/builtin-simulator/launcher.js";
import { commandLineServer } from "../host/config.js";
import { defaultDataFolders } from "../host/data-folders.js";
import { parseWebArgs, usage } from "./args.js";

const program = "web";

/** Where the browser shell finds its files, which differs between the sources and the shipped bundle. */
export interface WebShellPlace {
  /** The package's root: `package.json` and the built renderer (`dist/renderer`) are there. */
  root: string;
  /** How the built-in simulator's process is started (loaded after the flags are checked). */
  simulatorLauncher(): Promise<SimulatorLauncher>;
}

/** The browser shell's command line: reads the flags, serves the app, prints its one line, stops on a signal. */
export function runWebShell(place: WebShellPlace): void {
  main(place).catch((error: unknown) => {
    process.stderr.write(failureText(program, error));
    process.exit(exitCodes.software);
  });
}

async function main({ root, simulatorLauncher }: WebShellPlace): Promise<void> {
  let args;
  try {
    args = parseWebArgs(process.argv.slice(2), defaultDataFolders());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(usageErrorText(program, error, usage));
    process.exit(exitCodes.usage);
  }
  if (args === "help") {
    process.stdout.write(`${usage}\n`);
    process.exit(exitCodes.ok);
  }
  // Loaded after the flags are checked, so a usage error answers at once.
  const [{ createServices }, { createWebServer }, launcher] = await Promise.all([
    import("../host/create-services.js"),
    import("./create-web-server.js"),
    simulatorLauncher(),
  ]);
  const version = (
    JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }
  ).version;
  // The log a person can send to IT; its path is printed (stderr: stdout is the one "ready" line).
  let log: AppLog | null = null;
  try {
    log = openAppLog(args.localDataDir);
    teeConsoleToLog(log);
    process.stderr.write(`Log file: ${log.file}\n`);
    log.info(
      `CCMS Terminal ${version} (browser shell) started; settings in ${args.dataDir}, data in ${args.localDataDir}`,
    );
  } catch (error) {
    process.stderr.write(
      `Warning: no log file: ${args.localDataDir} cannot be written (${(error as Error).message}).\n`,
    );
  }
  // The built-in simulator starts in a child process of its own while the page loads.
  const services = await createServices(
    {
      dataDir: args.dataDir,
      localDataDir: args.localDataDir,
      ...(args.server ? { server: commandLineServer(args.server) } : {}),
      ...(args.proxy ? { proxy: args.proxy } : {}),
      ...(args.idleLockMinutes === undefined ? {} : { idleLockMinutes: args.idleLockMinutes }),
      shell: "web",
      version,
      userGuideDir: path.join(root, "dist", userGuideFolder),
      // Where tests put a machine-wide defaults file (see docs/it-staff.md, Installing on many PCs).
      ...(process.env["CCMS_SYSTEM_ROOT"] ? { systemRoot: process.env["CCMS_SYSTEM_ROOT"] } : {}),
    },
    undefined,
    { simulator: launcher, ...(log ? { log } : {}) },
  );
  const warn = (problem: { message: string } | null) => {
    if (!problem) return;
    process.stderr.write(`Warning: ${problem.message}\n`);
    log?.warn(problem.message);
  };
  warn(services.context.connection().problem);
  services.context.onServerChanged((connection) => warn(connection.problem));
  let server;
  try {
    server = await createWebServer({
      dispatch: services.dispatch,
      events: services.events,
      rendererDir: path.join(root, "dist", "renderer"),
      userGuideDir: path.join(root, "dist", userGuideFolder),
      port: args.port,
    });
  } catch (error) {
    await services.close();
    process.stderr.write(
      failureText(program, `cannot listen on 127.0.0.1:${args.port}: ${(error as Error).message}`),
    );
    process.exit(exitCodes.unavailable);
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void Promise.allSettled([server.close(), services.close()]).then(() => {
      log?.info("CCMS Terminal (browser shell) stopped.");
      process.exit(exitCodes.ok);
    });
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  // Only now: whoever reads this line may stop the shell at once, and is then answered by a clean stop.
  process.stdout.write(`CCMS Terminal ready at ${server.launchUrl}\n`);
}
