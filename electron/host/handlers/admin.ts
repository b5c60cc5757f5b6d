import { AdminClient } from "../../services/admin/admin-client.js";
import type { HostContext } from "../context.js";
import type { Handlers } from "../dispatch.js";

type AdminMethod = "admin.listUsers" | "admin.setEmail" | "admin.unlock" | "admin.lock";

export function adminHandlers(ctx: HostContext): Pick<Handlers, AdminMethod> {
  // The auth client of the server in use now: a change of server brings a new session (or none).
  const admin = () => new AdminClient(ctx.auth());
  return {
    "admin.listUsers": () => admin().listUsers(),
    "admin.setEmail": (input) => admin().setEmail(input),
    "admin.unlock": (input) => admin().unlock(input),
    "admin.lock": (input) => admin().lock(input),
  };
}
