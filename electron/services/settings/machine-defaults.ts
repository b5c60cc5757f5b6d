import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import {
  languageSchema,
  lockableSettingSchema,
  serverProfileSchema,
  type LockableSetting,
  type MachineIssue,
  type MachineProblem,
} from "../../../shared/contract/app.js";
import { proxySettingSchema } from "../../../shared/contract/network.js";

/** A defaults file is a few lines; anything this large is not one. */
const MAX_FILE_BYTES = 64 * 1024;

/**
 * The machine-wide defaults file IT puts on every terminal PC: the server profile, the proxy setting
 * and the language to start with, and which of them users cannot change. Every key is optional;
 * an unknown key is an error (a misspelt "langauge" must not pass unnoticed).
 */
export const machineDefaultsSchema = z
  .strictObject({
    server: serverProfileSchema.optional(),
    network: proxySettingSchema.optional(),
    language: languageSchema.optional(),
    locked: z.array(lockableSettingSchema).default([]),
  })
  .superRefine((file, context) => {
    for (const [index, setting] of file.locked.entries()) {
      if (file[setting] === undefined) {
        context.addIssue({
          code: "custom",
          path: ["locked", index],
          params: { setting },
          message: `"${setting}" is locked, but the file gives no "${setting}" to lock it to`,
        });
      }
    }
  });
export type MachineDefaults = z.output<typeof machineDefaultsSchema>;

export interface MachineDefaultsLoad {
  file: string;
  /** What the file sets; empty when there is no file or it was ignored. */
  defaults: MachineDefaults;
  /** Why the file was ignored (as a whole), or null. */
  problem: MachineDefaultsProblem | null;
}

/** Why the file was ignored: a reason and the entries at fault (which the screens word), and an English sentence for the log. */
export type MachineDefaultsProblem = Omit<MachineProblem, "file">;

const none = (): MachineDefaults => ({ locked: [] });

/**
 * Where the machine-wide defaults file is: `%ProgramData%\CCMS Terminal\defaults.json` on Windows,
 * `/Library/Application Support/CCMS Terminal/defaults.json` on macOS, `/etc/ccms-terminal/defaults.json`
 * elsewhere. With `systemRoot` (tests), the same path below that folder instead of the system's root.
 */
export function machineDefaultsFile(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  systemRoot?: string,
): string {
  const paths = platform === "win32" ? path.win32 : path.posix;
  const file =
    platform === "win32"
      ? paths.join(
          env["ProgramData"] ?? env["ALLUSERSPROFILE"] ?? "C:\\ProgramData",
          "CCMS Terminal",
          "defaults.json",
        )
      : platform === "darwin"
        ? "/Library/Application Support/CCMS Terminal/defaults.json"
        : "/etc/ccms-terminal/defaults.json";
  return systemRoot ? paths.join(systemRoot, file.slice(paths.parse(file).root.length)) : file;
}

/**
 * Reads the defaults file. No file: no defaults. A file that cannot be read, is not JSON or does not
 * match the schema is ignored whole (never half applied), and `problem` says why.
 */
export function loadMachineDefaults(file: string): MachineDefaultsLoad {
  const ignored = (
    reason: MachineDefaultsProblem["reason"],
    message: string,
    issues: MachineIssue[] = [],
  ): MachineDefaultsLoad => ({ file, defaults: none(), problem: { reason, issues, message } });
  let text: string;
  try {
    if (fs.statSync(file).size > MAX_FILE_BYTES)
      return ignored("too-large", `it is larger than ${MAX_FILE_BYTES / 1024} KB`);
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { file, defaults: none(), problem: null };
    return ignored("unreadable", `it cannot be read (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    return ignored("not-json", `it is not valid JSON (${(error as Error).message})`);
  }
  const parsed = machineDefaultsSchema.safeParse(json);
  if (!parsed.success) {
    return ignored(
      "invalid",
      parsed.error.issues
        .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
        .join("; "),
      parsed.error.issues.map(issueOf),
    );
  }
  return { file, defaults: parsed.data, problem: null };
}

/** A schema issue as a code the screens word (zod's own message stays in the log). */
function issueOf(issue: z.core.$ZodIssue): MachineIssue {
  const path = issue.path.join(".");
  switch (issue.code) {
    case "unrecognized_keys":
      return { path, kind: "unknown-keys", names: issue.keys };
    case "custom": {
      const setting = issue.params?.["setting"];
      return typeof setting === "string"
        ? { path, kind: "lock-without-value", names: [setting] }
        : { path, kind: "not-allowed", names: [] };
    }
    case "invalid_type":
      return { path, kind: "wrong-type", names: [] };
    default:
      return { path, kind: "not-allowed", names: [] };
  }
}

export const isLocked = (defaults: MachineDefaults, setting: LockableSetting): boolean =>
  defaults.locked.includes(setting);
