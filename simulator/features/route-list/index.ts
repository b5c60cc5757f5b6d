import { CONTROL_PREFIX, emptyQuerySchema } from "../../../shared/wire/control.js";
import { parseQuery } from "../../http/parse.js";
import { requireControlToken } from "../control/control-auth.js";
import { type FeaturePlugin } from "../feature.js";

interface RouteEntry {
  method: string;
  url: string;
}

/**
 * Records every route registered after it (register it first), and serves the
 * list at GET /__sim/routes so QA tools and the fuzz test cover all of them.
 * Not encapsulated (skip-override): its onRoute hook must see the whole root.
 */
export const routeListFeature: FeaturePlugin = async (app, { ctx }) => {
  // HEAD twins of GET routes are left out.
  const list: RouteEntry[] = [];
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method !== "HEAD") list.push({ method, url: route.url });
    }
  });
  await app.register(async (child) => {
    requireControlToken(child, ctx);
    child.get(`${CONTROL_PREFIX}/routes`, async (request) => {
      parseQuery(emptyQuerySchema, request);
      return { routes: list };
    });
  });
};
Object.defineProperty(routeListFeature, Symbol.for("skip-override"), { value: true });
