import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import {
  serverProfileSchema,
  type LockableSetting,
  type ServerProfile,
} from "../../../shared/contract/app.js";
import { proxySettingSchema, type ProxySetting } from "../../../shared/contract/network.js";
import { idleLockMinutesSchema } from "../../../shared/contract/session.js";
import { AppError } from "../../../shared/errors.js";
import { userIdSchema } from "../../../shared/wire/authn.js";
import { isLocked, type MachineDefaults, type MachineDefaultsLoad } from "./machine-defaults.js";

/** settings.json: what the person chose, and only that (so a machine-wide default still applies elsewhere). */
export const userSettingsSchema = z.object({
  server: serverProfileSchema.optional(),
  /** How to reach the 2FA server: the system's proxy, none, or a manual one (never its credentials). */
  network: proxySettingSchema.optional(),
  /** The user ID last signed in with, per server profile (see `profileKey`); never a password. */
  lastUserIds: z.record(z.string().max(2100), userIdSchema).default({}),
  /** Minutes without input before the terminal locks (default 10); `--idle-lock-minutes` overrides it. */
  idleLockMinutes: idleLockMinutesSchema.optional(),
});
type UserSettings = z.infer<typeof userSettingsSchema>;

/** The settings in effect: the person's choice, else the machine-wide default, else the app's; IT's when locked. */
export interface Settings {
  server: ServerProfile;
  network: ProxySetting;
  lastUserIds: Record<string, string>;
  idleLockMinutes?: number;
}

export const defaultSettings: Settings = {
  server: { kind: "builtin" },
  network: { mode: "system" },
  lastUserIds: {},
};

const settingNames: Record<"server" | "network", string> = {
  server: "The 2FA server",
  network: "The proxy setting",
};

/** The key a server profile's remembered user ID is kept under. */
export const profileKey = (profile: ServerProfile): string =>
  profile.kind === "builtin" ? "builtin" : profile.url;

/**
 * The app's settings: the person's as one JSON file in its data folder, over the machine-wide
 * defaults IT may give (`machine-defaults.ts`), which win where IT locked them. Written to a temp file
 * and renamed, so a crash never leaves half a file; a file that cannot be read or parsed gives the
 * defaults and a warning, never a crash.
 */
export class SettingsStore {
  readonly file: string;
  private readonly machine: MachineDefaults;

  constructor(
    dataDir: string,
    private readonly warn: (line: string) => void = (line) => console.warn(line),
    private readonly machineDefaults: MachineDefaultsLoad | null = null,
  ) {
    this.file = path.join(dataDir, "settings.json");
    this.machine = machineDefaults?.defaults ?? { locked: [] };
  }

  load(): Settings {
    const user = this.readUser();
    const { machine } = this;
    /** IT's value when locked; else the person's, then IT's default, then the app's. */
    const layer = <T>(setting: LockableSetting, mine: T | undefined, its: T | undefined, app: T): T =>
      (isLocked(machine, setting) ? its : (mine ?? its)) ?? app;
    return {
      server: layer("server", user.server, machine.server, defaultSettings.server),
      network: layer("network", user.network, machine.network, defaultSettings.network),
      lastUserIds: user.lastUserIds,
      ...(user.idleLockMinutes === undefined ? {} : { idleLockMinutes: user.idleLockMinutes }),
    };
  }

  /** Whether IT locked a setting on this computer. */
  isLocked(setting: LockableSetting): boolean {
    return isLocked(this.machine, setting);
  }

  saveServer(server: ServerProfile): void {
    this.assertUnlocked("server");
    this.writeUser({ ...this.readUser(), server });
  }

  saveNetwork(network: ProxySetting): void {
    this.assertUnlocked("network");
    this.writeUser({ ...this.readUser(), network });
  }

  /** Remembers (or with null, forgets) the user ID of a server profile. */
  saveLastUserId(profile: ServerProfile, userId: string | null): void {
    const user = this.readUser();
    const key = profileKey(profile);
    const others = Object.entries(user.lastUserIds).filter(([other]) => other !== key);
    const lastUserIds = Object.fromEntries(userId === null ? others : [...others, [key, userId]]);
    this.writeUser({ ...user, lastUserIds });
  }

  /** Throws SETTING_LOCKED, naming the defaults file, when IT locked the setting. */
  assertUnlocked(setting: "server" | "network"): void {
    if (!this.isLocked(setting)) return;
    const file = this.machineDefaults?.file ?? "";
    throw new AppError(
      "SETTING_LOCKED",
      `${settingNames[setting]} is set by your IT department on this computer (${file}) and cannot be changed here.`,
      { setting, file },
    );
  }

  private readUser(): UserSettings {
    const none: UserSettings = { lastUserIds: {} };
    let text: string;
    try {
      text = fs.readFileSync(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
        this.warn(
          `Settings file ${this.file} could not be read (${(error as Error).message}); using defaults.`,
        );
      }
      return none;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.warn(`Settings file ${this.file} is not valid JSON; using defaults.`);
      return none;
    }
    const parsed = userSettingsSchema.safeParse(json);
    if (!parsed.success) {
      this.warn(`Settings file ${this.file} has unexpected content; using defaults.`);
      return none;
    }
    return parsed.data;
  }

  private writeUser(settings: UserSettings): void {
    const checked = userSettingsSchema.parse(settings);
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    try {
      fs.writeFileSync(temp, `${JSON.stringify(checked, null, 2)}\n`, { mode: 0o600 });
      fs.renameSync(temp, this.file);
    } catch (error) {
      fs.rmSync(temp, { force: true });
      throw error;
    }
  }
}
