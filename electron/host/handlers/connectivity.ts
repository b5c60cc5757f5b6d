import path from "node:path";
import {
  CheckHistoryStore,
  ConnectivityService,
  defaultDependencies,
  envProxyResolver,
} from "../../services/connectivity/index.js";
import type { HostContext } from "../context.js";
import type { Handlers } from "../dispatch.js";

type ConnectivityMethod =
  "connectivity.run" | "connectivity.history" | "connectivity.get" | "connectivity.report";

/** The system's proxy for a URL in PAC form; Electron's main passes `session.resolveProxy`. */
export type SystemProxyResolver = (url: string) => Promise<string>;

/**
 * A shell that knows the system's proxy (Electron: `session.defaultSession.resolveProxy`,
 * PAC included) exposes it on the context as `resolveProxy`; otherwise the
 * environment's HTTPS_PROXY / NO_PROXY are used.
 */
function systemProxyOf(ctx: HostContext): SystemProxyResolver {
  const fromEnvironment = envProxyResolver();
  // Read on every run: the Electron shell sets it after the services are built.
  return (url) => {
    const candidate: unknown = (ctx as object as { resolveProxy?: unknown }).resolveProxy;
    return typeof candidate === "function"
      ? Promise.resolve(candidate.call(ctx, url) as Promise<string> | string)
      : fromEnvironment(url);
  };
}

export function connectivityHandlers(ctx: HostContext): Pick<Handlers, ConnectivityMethod> {
  const service = new ConnectivityService({
    dependencies: defaultDependencies({ resolveProxy: systemProxyOf(ctx) }),
    history: new CheckHistoryStore(path.join(ctx.config.dataDir, "connectivity-history"), (line) =>
      console.warn(line),
    ),
    appVersion: ctx.config.version,
    builtinTarget: () => {
      const connection = ctx.connection();
      return connection.simulated && connection.simulator && connection.caPem
        ? { url: new URL("/sso", connection.url).href, caPem: connection.caPem }
        : null;
    },
    log: (line) => console.warn(line),
  });
  return {
    "connectivity.run": async (input) =>
      service.start(input, {
        onStep: (runId, step) => ctx.events.emit("connectivity.step", { runId, step }),
        onDone: (run) => ctx.events.emit("connectivity.done", { runId: run.runId, run }),
      }),
    "connectivity.history": async () => ({ runs: service.history() }),
    "connectivity.get": async ({ runId }) => service.get(runId),
    "connectivity.report": async ({ runId, format }) => service.report(runId, format),
  };
}
