import { z } from "zod";

export const hostConfigSchema = z.object({
  /** The app's data folder: settings.json and the built-in simulator's data live here. */
  dataDir: z.string().min(1),
  /** A server given on the command line (--server/--ca): used instead of the saved profile. */
  server: z.object({ url: z.url({ protocol: /^https$/ }), caFile: z.string().min(1).optional() }).optional(),
  /** The shell's `--proxy` (browser shell): used when the proxy setting is "system". */
  proxy: z.url({ protocol: /^https?$/ }).optional(),
  shell: z.enum(["electron", "web"]),
  version: z.string(),
  /** Password hashing of the built-in simulator; "fast" is for tests. */
  simulatorHashProfile: z.enum(["fast", "production"]).optional(),
});
export type HostConfig = z.input<typeof hostConfigSchema>;
