import { z } from "zod";

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
  version: z.string(),
  /** Password hashing of the built-in simulator; "fast" is for tests. */
  simulatorHashProfile: z.enum(["fast", "production"]).optional(),
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
