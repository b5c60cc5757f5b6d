import type { AppInfo } from "../../../shared/contract/app.js";
import { CONTROL_PREFIX, simStatusSchema } from "../../../shared/wire/control.js";
import { requestJson } from "../../services/http/requestJson.js";
import type { HostContext } from "../context.js";
import type { Handlers } from "../dispatch.js";

export function appHandlers(
  ctx: HostContext,
): Pick<Handlers, "app.info" | "app.setServer" | "app.simStatus"> {
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
      },
      serverProblem: connection.problem
        ? { code: connection.problem.code, message: connection.problem.message }
        : null,
    };
  };
  return {
    "app.info": async () => info(),
    "app.setServer": async (profile) => {
      await ctx.setServer(profile);
      return info();
    },
    "app.simStatus": async () => {
      const connection = ctx.connection();
      if (!connection.simulated || !connection.http || connection.controlToken === null)
        return { status: null };
      const status = await requestJson(
        connection.http,
        { method: "GET", url: `${CONTROL_PREFIX}/status`, bearer: connection.controlToken },
        simStatusSchema,
      );
      return { status };
    },
  };
}
