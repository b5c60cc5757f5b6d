import type { HostContext } from "../context.js";
import type { Handlers } from "../dispatch.js";
import { adminHandlers } from "./admin.js";
import { appHandlers } from "./app.js";
import { authHandlers } from "./auth.js";
import { connectivityHandlers } from "./connectivity.js";
import { networkHandlers } from "./network.js";
import { readinessHandlers } from "./readiness.js";
import { rehearsalHandlers } from "./rehearsal.js";
import { roomHandlers } from "./room.js";
import { sessionHandlers } from "./session.js";
import { smartcardHandlers } from "./smartcard.js";

/** Every contract method's handler; each feature adds its file and one line here. */
export function createHandlers(ctx: HostContext): Handlers {
  return {
    ...appHandlers(ctx),
    ...authHandlers(ctx),
    ...adminHandlers(ctx),
    ...sessionHandlers(ctx),
    ...readinessHandlers(ctx),
    ...connectivityHandlers(ctx),
    ...smartcardHandlers(ctx),
    ...networkHandlers(ctx),
    ...rehearsalHandlers(ctx),
    ...roomHandlers(ctx),
  };
}
