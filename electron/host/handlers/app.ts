import fs from "node:fs";
import path from "node:path";
import type { AppInfo } from "../../../shared/contract/app.js";
import { languages, type Language } from "../../../shared/languages.js";
import { userGuideFileName } from "../../../shared/user-guide.js";
import { isAppError } from "../../../shared/errors.js";
import { SIMULATOR_STATUS_PATH, simStatusSchema } from "../../../shared/wire/control.js";
import { requestJson } from "../../services/http/request-json.js";
import { profileKey } from "../../services/settings/settings-store.js";
import type { HostContext } from "../context.js";
import type { Handlers } from "../dispatch.js";

export function appHandlers(
  ctx: HostContext,
): Pick<Handlers, "app.info" | "app.setServer" | "app.simStatus" | "app.forgetUserId"> {
  const info = (): AppInfo => {
    const connection = ctx.connection();
    return {
      version: ctx.config.version,
      shell: ctx.config.shell,
      platform: process.platform,
      server: {
        profile: connection.profile.kind,
        url: connection.url,
        caFile: connection.profile.kind === "custom" ? (connection.profile.caFile ?? null) : null,
        simulated: connection.simulated,
        starting: connection.starting,
      },
      serverProblem: connection.problem
        ? { code: connection.problem.code, message: connection.problem.message }
        : null,
      lastUserId: ctx.settings.load().lastUserIds[profileKey(connection.profile)] ?? null,
      machine: {
        locked: ctx.machine.defaults.locked,
        language: ctx.machine.defaults.language ?? null,
        problem: ctx.machine.problem ? { file: ctx.machine.file, message: ctx.machine.problem } : null,
      },
      userGuide: userGuideLanguages(ctx.config.userGuideDir),
    };
  };
  return {
    "app.info": async () => info(),
    "app.setServer": async (profile) => {
      await ctx.setServer(profile);
      return info();
    },
    "app.forgetUserId": async () => {
      ctx.settings.saveLastUserId(ctx.connection().profile, null);
      return info();
    },
    // Any simulator (built-in or standalone) says its phase and date; a real server answers 404: no banner.
    "app.simStatus": async () => {
      const { http } = ctx.connection();
      if (!http) return { status: null };
      try {
        return {
          status: await requestJson(http, { method: "GET", url: SIMULATOR_STATUS_PATH }, simStatusSchema),
        };
      } catch (error) {
        if (isAppError(error)) return { status: null };
        throw error;
      }
    },
  };
}

/** The languages whose printed guide is in `dir` (the build prints them; a build without a browser has none). */
function userGuideLanguages(dir: string | undefined): Language[] {
  if (dir === undefined) return [];
  return languages.filter((language) => fs.existsSync(path.join(dir, userGuideFileName(language))));
}
