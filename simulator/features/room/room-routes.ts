import { ROOM_PATH, roomTraineeParamsSchema, roomTraineeRoute } from "../../../shared/wire/room.js";
import { emptyQuerySchema } from "../../../shared/wire/control.js";
import { clientOf } from "../../context.js";
import { parseQuery, parseWith } from "../../http/parse.js";
import { requireControlToken } from "../control/control-auth.js";
import { type FeaturePlugin } from "../feature.js";
import { RoomService } from "./room-service.js";

/** The trainer's view of the room (control token): who is where, and unlock, end or start over one trainee. */
export const roomRoutes: FeaturePlugin = async (app, { ctx }) => {
  requireControlToken(app, ctx);
  const room = new RoomService(ctx);
  const userIdOf = (params: unknown) => parseWith(roomTraineeParamsSchema, params, "user ID").userId;

  app.get(ROOM_PATH, async (request) => {
    parseQuery(emptyQuerySchema, request);
    return room.room();
  });
  app.post(roomTraineeRoute("unlock"), async (request) =>
    room.unlock(userIdOf(request.params), clientOf(request)),
  );
  app.post(roomTraineeRoute("end-session"), async (request) =>
    room.endSession(userIdOf(request.params), clientOf(request)),
  );
  app.post(roomTraineeRoute("start-over"), async (request) =>
    room.startOver(userIdOf(request.params), clientOf(request)),
  );
};
