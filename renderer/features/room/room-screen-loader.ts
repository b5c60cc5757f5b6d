import { preloadable } from "../../ui/preloadable.js";

/** The trainer's view of the room, loaded on demand; the Rehearsal panel fetches it ahead when it opens. */
export const RoomScreen = preloadable(() => import("./room-screen.js"));
