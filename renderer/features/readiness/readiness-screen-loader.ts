import { preloadable } from "../../ui/preloadable.js";

/** The readiness board, loaded on demand; the desktop's tile fetches it ahead while the desktop is idle. */
export const ReadinessScreen = preloadable(() => import("./readiness-screen.js"));
