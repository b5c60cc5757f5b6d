import { z } from "zod";
import { languages } from "../languages.js";
import { simStatusSchema } from "../wire/control.js";
import { method } from "./define.js";
import { limits } from "./limits.js";

export const serverProfileSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("builtin") }),
  z.strictObject({
    kind: z.literal("custom"),
    url: z.url({ protocol: /^https$/ }).max(limits.urlMax),
    caFile: z.string().min(1).max(limits.filePathMax).optional(),
  }),
]);
export type ServerProfile = z.infer<typeof serverProfileSchema>;

export const languageSchema = z.enum(languages);

/** The settings IT can preset and lock for every user of a computer (the machine-wide defaults file). */
export const lockableSettings = ["server", "network", "language"] as const;
export const lockableSettingSchema = z.enum(lockableSettings);
export type LockableSetting = z.infer<typeof lockableSettingSchema>;

/** What the machine-wide defaults file says, as the screens need it. */
export const machineViewSchema = z.object({
  /** The settings IT locked: shown as set by IT; changing them is refused (`SETTING_LOCKED`). */
  locked: z.array(lockableSettingSchema),
  /** The language IT chose: the start language unless the person chose one (always, when locked). */
  language: languageSchema.nullable(),
  /** Set when the file was ignored: which file, and what is wrong with it. */
  problem: z.object({ file: z.string(), message: z.string() }).nullable(),
});
export type MachineView = z.infer<typeof machineViewSchema>;

export const appInfoSchema = z.object({
  version: z.string(),
  shell: z.enum(["electron", "web"]),
  platform: z.string(),
  server: z.object({
    profile: z.enum(["builtin", "custom"]),
    url: z.string(),
    /** The CA file a custom server is trusted by, if any (a path on this computer). */
    caFile: z.string().nullable(),
    simulated: z.boolean(),
    /** The built-in simulator is still starting (its own process): sign-in waits for it. */
    starting: z.boolean(),
  }),
  /** Set while the server is unusable (for example a custom CA file that cannot be read). */
  serverProblem: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** The user ID last signed in with on this server profile (kept in settings; never a password). */
  lastUserId: z.string().nullable(),
  machine: machineViewSchema,
  /** The languages of the printed user guide this copy of the app has (none when it was built without). */
  userGuide: z.array(languageSchema),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const empty = z.strictObject({});

export const appMethods = {
  "app.info": method(empty, appInfoSchema),
  "app.setServer": method(serverProfileSchema, appInfoSchema),
  /** "Not you?": forgets the user ID remembered for the server profile in use. */
  "app.forgetUserId": method(empty, appInfoSchema),
  /** The simulated phase and date, for the banner; null when the server is not a simulator. */
  "app.simStatus": method(empty, z.object({ status: simStatusSchema.nullable() })),
};
