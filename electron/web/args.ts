import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { UsageError } from "../../shared/cli.js";
import type { DataFolders } from "../host/data-folders.js";
import { manualProxySchema } from "../../shared/contract/network.js";
import { idleLockMinutesProblem } from "../../shared/contract/session.js";

export interface WebArgs {
  server?: { url: string; caFile?: string };
  /** `http://host:port`: the proxy to use while the Network setting is "system" (else HTTPS_PROXY…). */
  proxy?: string;
  port: number;
  /** The settings' folder. */
  dataDir: string;
  /** The simulator's database, the check history and the logs (`--data`: the same folder). */
  localDataDir: string;
  idleLockMinutes?: number;
}

export const usage = `Usage: npm run web -- [--server <https-url>] [--ca <pem-file>] [--proxy <http-url>] [--port <n>] [--data <dir>]
                       [--idle-lock-minutes <n>]

  --server <url>  use this 2FA server instead of the built-in simulator (https only); when it is a
                  standalone simulator, CCMS_SIM_TOKEN=<its control token> shows its simulated mailbox
  --ca <file>     PEM CA certificate to trust for --server
  --proxy <url>   reach the 2FA server through this HTTP proxy (http://host:port; default:
                  HTTPS_PROXY / NO_PROXY); its user name and password are asked for, never given here
  --port <n>      port on 127.0.0.1 (default: any free port)
  --data <dir>    one data folder for everything (default: the desktop app's: on Windows the
                  settings in %APPDATA%, the rest in %LOCALAPPDATA%)
  --idle-lock-minutes <n>  lock the terminal after n minutes without input (default 10; decimals allowed)`;

const urlSchema = z.url({ protocol: /^https$/ });

/** The same rule as the Network setting's manual proxy. */
const proxySchema = manualProxySchema;

/** A refused --proxy is echoed without any password it carried. */
function redacted(text: string): string {
  return text.replace(/\/\/[^@/]*@/, "//***@");
}

/** Reads the browser shell's flags, or that help was asked; anything wrong throws a UsageError with the reason. */
export function parseWebArgs(argv: string[], defaults: DataFolders): WebArgs | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        server: { type: "string" },
        ca: { type: "string" },
        proxy: { type: "string" },
        port: { type: "string" },
        data: { type: "string" },
        "idle-lock-minutes": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return "help";
  if (values.ca !== undefined && values.server === undefined) throw new UsageError("--ca needs --server.");
  if (values.server !== undefined && !urlSchema.safeParse(values.server).success) {
    throw new UsageError(`--server must be an https URL, got "${values.server}".`);
  }
  if (values.proxy !== undefined) {
    const proxy = proxySchema.safeParse(values.proxy);
    if (!proxy.success) {
      throw new UsageError(
        `--proxy must be http://host:port (credentials are asked for, not given here), got "${redacted(values.proxy)}".`,
      );
    }
  }
  let port = 0;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535)
      throw new UsageError(`--port must be a number from 0 to 65535, got "${values.port}".`);
  }
  const idle = values["idle-lock-minutes"];
  const idleProblem = idle === undefined ? null : idleLockMinutesProblem(idle);
  if (idleProblem !== null) throw new UsageError(idleProblem);
  return {
    ...(idle === undefined ? {} : { idleLockMinutes: Number(idle) }),
    ...(values.server === undefined
      ? {}
      : {
          server: {
            url: values.server,
            ...(values.ca === undefined ? {} : { caFile: path.resolve(values.ca) }),
          },
        }),
    ...(values.proxy === undefined ? {} : { proxy: values.proxy }),
    port,
    ...(values.data === undefined
      ? { dataDir: path.resolve(defaults.settings), localDataDir: path.resolve(defaults.local) }
      : { dataDir: path.resolve(values.data), localDataDir: path.resolve(values.data) }),
  };
}
