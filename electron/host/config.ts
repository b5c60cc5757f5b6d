import { z } from "zod";
import { idleLockMinutesSchema } from "../../shared/contract/session.js";

export const hostConfigSchema = z.object({
  /** The app's data folder: settings.json and the built-in simulator's data live here. */
  dataDir: z.string().min(1),
  /** A server given on the command line (--server/--ca): used instead of the saved profile. */
  server: z
    .object({
      url: z.url({ protocol: /^https$/ }),
      caFile: z.string().min(1).optional(),
      /** When the server is a standalone simulator: its control token, so its simulated mailbox shows. */
      controlToken: z.string().min(8).max(512).optional(),
    })
    .optional(),
  /** The shell's `--proxy` (browser shell): used when the proxy setting is "system". */
  proxy: z.url({ protocol: /^https?$/ }).optional(),
  shell: z.enum(["electron", "web"]),
  /**
   * A folder standing in for the system's root when looking for the machine-wide defaults file
   * (`<root>/etc/ccms-terminal/defaults.json` on Linux): for tests; a packaged app never takes one.
   */
  systemRoot: z.string().min(1).optional(),
  version: z.string(),
  /** Password hashing of the built-in simulator; "fast" is for tests. */
  simulatorHashProfile: z.enum(["fast", "production"]).optional(),
  /** The folder of the printed user guide (`dist/guide`): app.info says which languages it holds. */
  userGuideDir: z.string().min(1).optional(),
  /** Minutes without input before the terminal locks (`--idle-lock-minutes`); else the settings file's. */
  idleLockMinutes: idleLockMinutesSchema.optional(),
});
export type HostConfig = z.input<typeof hostConfigSchema>;

/** The environment variable holding the control token of the standalone simulator given with `--server`. */
export const simulatorTokenVariable = "CCMS_SIM_TOKEN";

/** A shell's `--server`, with the standalone simulator's control token when the environment gives one. */
export function commandLineServer(
  server: { url: string; caFile?: string },
  env: Record<string, string | undefined> = process.env,
): NonNullable<HostConfig["server"]> {
  const controlToken = env[simulatorTokenVariable];
  return controlToken ? { ...server, controlToken } : server;
}
