import { z } from "zod";
import { idleLockMinutesSchema } from "../../shared/contract/session.js";

export const hostConfigSchema = z.object({
  /** The app's data folder: settings.json and the built-in simulator's data live here. */
  dataDir: z.string().min(1),
  /** A server given on the command line (--server/--ca): used instead of the saved profile. */
  server: z.object({ url: z.url({ protocol: /^https$/ }), caFile: z.string().min(1).optional() }).optional(),
  shell: z.enum(["electron", "web"]),
  version: z.string(),
  /** Password hashing of the built-in simulator; "fast" is for tests. */
  simulatorHashProfile: z.enum(["fast", "production"]).optional(),
  /** Minutes without input before the terminal locks (`--idle-lock-minutes`); else the settings file's. */
  idleLockMinutes: idleLockMinutesSchema.optional(),
});
export type HostConfig = z.input<typeof hostConfigSchema>;
