import { z } from "zod";
import { CONTROL_PREFIX } from "../../../shared/wire/control.js";
import { type SimulatorContext } from "../../context.js";
import { parseQuery } from "../../http/parse.js";
import { requireControlToken } from "../control/control-auth.js";
import { type FeaturePlugin } from "../feature.js";

export interface RouteEntry {
  method: string;
  url: string;
}

const lists = new WeakMap<SimulatorContext, RouteEntry[]>();

/** Every route the root has, as registered (HEAD twins of GET routes left out). */
export function routesOf(ctx: SimulatorContext): readonly RouteEntry[] {
  return lists.get(ctx) ?? [];
}

/**
 * Records every route registered after it (register it first), and serves the
 * list at GET /__sim/routes so QA tools and the fuzz test cover all of them.
 * Not encapsulated (skip-override): its onRoute hook must see the whole root.
 */
export const routeListFeature: FeaturePlugin = async (app, { ctx }) => {
  const list: RouteEntry[] = [];
  lists.set(ctx, list);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method !== "HEAD") list.push({ method, url: route.url });
    }
  });
  await app.register(async (child) => {
    requireControlToken(child, ctx.controlToken);
    child.get(`${CONTROL_PREFIX}/routes`, async (request) => {
      parseQuery(z.strictObject({}), request);
      return { routes: list };
    });
  });
};
Object.defineProperty(routeListFeature, Symbol.for("skip-override"), { value: true });
