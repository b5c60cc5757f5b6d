import { z } from "zod";
import { languages } from "../languages.js";
import { simStatusSchema } from "../wire/control.js";
import { event, method } from "./define.js";
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

/** What is wrong with one entry of an ignored defaults file. */
export const machineIssueSchema = z.object({
  /** Where: `network.proxy`, `locked.1`; "" for the file as a whole. */
  path: z.string(),
  /**
   * `unknown-keys`: keys the app does not know (`names`); `lock-without-value`: a setting locked
   * without a value to lock it to (`names`: the setting); `wrong-type`: not the kind of value
   * expected there (the file itself must be one JSON object); `not-allowed`: a value the setting
   * does not take.
   */
  kind: z.enum(["unknown-keys", "lock-without-value", "wrong-type", "not-allowed"]),
  names: z.array(z.string()),
});
export type MachineIssue = z.infer<typeof machineIssueSchema>;

/** Why the machine-wide defaults file was ignored, as codes the screens word. */
export const machineProblemSchema = z.object({
  file: z.string(),
  reason: z.enum(["too-large", "unreadable", "not-json", "invalid"]),
  /** For `invalid`: each entry at fault. */
  issues: z.array(machineIssueSchema),
  /** The same in English, as the log says it. */
  message: z.string(),
});
export type MachineProblem = z.infer<typeof machineProblemSchema>;

/** What the machine-wide defaults file says, as the screens need it. */
export const machineViewSchema = z.object({
  /** The settings IT locked: shown as set by IT; changing them is refused (`SETTING_LOCKED`). */
  locked: z.array(lockableSettingSchema),
  /** The language IT chose: the start language unless the person chose one (always, when locked). */
  language: languageSchema.nullable(),
  /** Set when the file was ignored: which file, and what is wrong with it. */
  problem: machineProblemSchema.nullable(),
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
  /** Set while the server is unusable (for example a custom CA file that cannot be read): the error's code and details. */
  serverProblem: z
    .object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() })
    .nullable(),
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
  /** An uncaught error of the page, for the app's log (never a value the person typed). */
  "app.reportError": method(
    z.strictObject({
      kind: z.enum(["error", "unhandledrejection"]),
      message: z.string().max(2_000),
      /** Where: the script's address and line, when the browser gives them. */
      source: z.string().max(limits.urlMax).optional(),
      stack: z.string().max(8_000).optional(),
    }),
    z.object({ logged: z.boolean() }),
  ),
};

/**
 * What the desktop app's menu asks of the page: to open the connectivity check or the network settings.
 * The page does it only from a screen whose own links go there (see renderer/app/menu-commands.ts).
 */
export const menuCommands = ["connectivity", "network"] as const;
export const menuCommandSchema = z.strictObject({ command: z.enum(menuCommands) });
export type MenuCommand = z.infer<typeof menuCommandSchema>;

export const appEvents = {
  /** A menu item was chosen in the desktop app (the browser shell has no menu: it never sends one). */
  "app.menuCommand": event(menuCommandSchema),
};
