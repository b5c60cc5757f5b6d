import { PRODUCTION_SSO_URL } from "../../../shared/contract/connectivity.js";
import type { HostContext } from "../context.js";
import type { Handlers } from "../dispatch.js";

type NetworkMethod =
  "network.view" | "network.setProxy" | "network.setCredentials" | "network.forgetCredentials";

export function networkHandlers(ctx: HostContext): Pick<Handlers, NetworkMethod> {
  /** The route to the server in use (the production 2FA server while none is usable). */
  const view = () => {
    const connection = ctx.connection();
    const builtin = connection.profile.kind === "builtin" && connection.problem === null;
    return ctx.network.view(
      new URL(URL.canParse(connection.url) ? connection.url : PRODUCTION_SSO_URL),
      builtin,
    );
  };
  return {
    "network.view": view,
    "network.setProxy": async (setting) => {
      ctx.network.setSetting(setting);
      return view();
    },
    "network.setCredentials": ({ proxy, username, password, remember }) =>
      ctx.network.setCredentials(proxy, { username, password }, remember),
    "network.forgetCredentials": async ({ proxy }) => {
      await ctx.network.forgetCredentials(proxy);
      return view();
    },
  };
}
