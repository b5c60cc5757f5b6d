import { adminRoutes } from "./admin/admin-routes.js";
import { authnRoutes } from "./authn/authn-routes.js";
import { controlRoutes } from "./control/control-routes.js";
import { daEmailRoutes } from "./da-email/da-email-routes.js";
import { type FeaturePlugin } from "./feature.js";
import { faultsFeature } from "./faults/index.js";
import { healthRoutes } from "./health/health-routes.js";
import { loginPageRoutes } from "./login-page/login-page-routes.js";
import { openApiRoutes } from "./openapi/openapi-routes.js";
import { readinessRoutes } from "./readiness/readiness-routes.js";
import { rehearsalFeature } from "./rehearsal/index.js";
import { roomRoutes } from "./room/room-routes.js";
import { routeListFeature } from "./route-list/index.js";
import { sessionRoutes } from "./session/session-routes.js";
import { simulatorStatusRoutes } from "./simulator-status/simulator-status-routes.js";
import { smartcardRoutes } from "./smartcard/smartcard-routes.js";
import { userRoutes } from "./users/user-routes.js";

/** Every feature the root registers, each an encapsulated plugin. Add new features here. */
export const features: ReadonlyArray<{ name: string; plugin: FeaturePlugin }> = [
  // First, so its onRoute hook sees every route.
  { name: "route-list", plugin: routeListFeature },
  // Next, so its hook runs before every other feature's routes.
  { name: "faults", plugin: faultsFeature },
  { name: "health", plugin: healthRoutes },
  { name: "login-page", plugin: loginPageRoutes },
  { name: "authn", plugin: authnRoutes },
  { name: "session", plugin: sessionRoutes },
  { name: "control", plugin: controlRoutes },
  { name: "users", plugin: userRoutes },
  { name: "simulator-status", plugin: simulatorStatusRoutes },
  { name: "smartcard", plugin: smartcardRoutes },
  { name: "admin", plugin: adminRoutes },
  { name: "readiness", plugin: readinessRoutes },
  { name: "rehearsal", plugin: rehearsalFeature },
  { name: "da-email", plugin: daEmailRoutes },
  { name: "room", plugin: roomRoutes },
  { name: "openapi", plugin: openApiRoutes },
];
