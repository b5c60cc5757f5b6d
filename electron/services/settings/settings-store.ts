import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { serverProfileSchema, type ServerProfile } from "../../../shared/contract/app.js";
import { proxySettingSchema, type ProxySetting } from "../../../shared/contract/network.js";
import { userIdSchema } from "../../../shared/wire/authn.js";

export const settingsSchema = z.object({
  server: serverProfileSchema,
  /** How to reach the 2FA server: the system's proxy, none, or a manual one (never its credentials). */
  network: proxySettingSchema.default({ mode: "system" }),
  /** The user ID last signed in with, per server profile (see `profileKey`); never a password. */
  lastUserIds: z.record(z.string().max(2100), userIdSchema).default({}),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  server: { kind: "builtin" },
  network: { mode: "system" },
  lastUserIds: {},
};

/** The key a server profile's remembered user ID is kept under. */
export const profileKey = (profile: ServerProfile): string =>
  profile.kind === "builtin" ? "builtin" : profile.url;

/**
 * The app's settings as one JSON file in its data folder. Written to a temp
 * file and renamed, so a crash never leaves half a file; a file that cannot be
 * read or parsed gives the defaults and a warning, never a crash.
 */
export class SettingsStore {
  readonly file: string;

  constructor(
    dataDir: string,
    private readonly warn: (line: string) => void = (line) => console.warn(line),
  ) {
    this.file = path.join(dataDir, "settings.json");
  }

  load(): Settings {
    let text: string;
    try {
      text = fs.readFileSync(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
        this.warn(
          `Settings file ${this.file} could not be read (${(error as Error).message}); using defaults.`,
        );
      }
      return structuredClone(defaultSettings);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.warn(`Settings file ${this.file} is not valid JSON; using defaults.`);
      return structuredClone(defaultSettings);
    }
    const parsed = settingsSchema.safeParse(json);
    if (!parsed.success) {
      this.warn(`Settings file ${this.file} has unexpected content; using defaults.`);
      return structuredClone(defaultSettings);
    }
    return parsed.data;
  }

  save(settings: Settings): void {
    const checked = settingsSchema.parse(settings);
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

  saveServer(server: ServerProfile): void {
    this.save({ ...this.load(), server });
  }

  saveNetwork(network: ProxySetting): void {
    this.save({ ...this.load(), network });
  }

  /** Remembers (or with null, forgets) the user ID of a server profile. */
  saveLastUserId(profile: ServerProfile, userId: string | null): void {
    const settings = this.load();
    const key = profileKey(profile);
    const others = Object.entries(settings.lastUserIds).filter(([other]) => other !== key);
    const lastUserIds = Object.fromEntries(userId === null ? others : [...others, [key, userId]]);
    this.save({ ...settings, lastUserIds });
  }
}
