import fs from "node:fs";
import path from "node:path";
import { app, session } from "electron";
import { exitCodes, UsageError, usageErrorText } from "../../shared/cli.js";
import { checkModeUsage, parseCheckModeArgs } from "../host/check-mode/check-mode-args.js";
import { runCheckMode } from "../host/check-mode/run-check-mode.js";
import { browserRoute } from "./browser-route.js";

const program = "ccms-terminal --check";

/** Text to the console when there is one (a Windows GUI program started from Explorer has none). */
const write = (stream: NodeJS.WriteStream) => (text: string) => {
  try {
    stream.write(text);
  } catch {
    // No console: the files are the output.
  }
};

/**
 * The installed app started with `--check`: no window, no single-instance lock (the app may be open
 * beside it), the check through the app's session, then `app.exit` with the check's status. Its
 * browser data (cookies, caches) go to a folder of their own, never the open app's.
 */
export async function runCheckModeMain(
  argv: string[],
  options: { dataDir?: string | undefined; systemRoot?: string | undefined },
): Promise<void> {
  const out = write(process.stdout);
  const err = write(process.stderr);
  let parsed;
  try {
    parsed = parseCheckModeArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(usageErrorText(program, error, checkModeUsage));
    app.exit(exitCodes.usage);
    return;
  }
  if (parsed.kind === "help") {
    out(checkModeUsage);
    app.exit(exitCodes.ok);
    return;
  }
  const dataDir = parsed.args.dataDir ?? options.dataDir;
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    app.setPath("userData", dataDir);
  }
  const sessionData = path.join(app.getPath("userData"), "check-session");
  fs.mkdirSync(sessionData, { recursive: true });
  app.setPath("sessionData", sessionData);
  await app.whenReady();
  const code = await runCheckMode(parsed.args, {
    dataDir: app.getPath("userData"),
    systemRoot: options.systemRoot,
    version: app.getVersion(),
    platform: {
      resolveProxy: (url) => session.defaultSession.resolveProxy(url),
      browser: browserRoute(session.defaultSession),
    },
    out,
    err,
  });
  app.exit(code);
}
