import type { HostContext } from "../context.js";
import type { Handlers } from "../dispatch.js";
import { simulatorAccess } from "../simulator-access.js";

type RoomMethod = "room.view" | "room.unlock" | "room.endSession" | "room.startOver";

/** The trainer's view of the room: the simulator's control API, with the app's control of it. */
export function roomHandlers(ctx: HostContext): Pick<Handlers, RoomMethod> {
  const control = () => simulatorAccess(ctx).requireControl();
  return {
    "room.view": async () => (await control()).room(),
    "room.unlock": async ({ userId }) => (await control()).unlockTrainee(userId),
    "room.endSession": async ({ userId }) => (await control()).endTraineeSession(userId),
    "room.startOver": async ({ userId }) => (await control()).startTraineeOver(userId),
  };
}
