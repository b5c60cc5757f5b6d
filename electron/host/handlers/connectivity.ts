import path from "node:path";
import {
  CheckHistoryStore,
  ConnectivityService,
  defaultDependencies,
  envProxyResolver,
} from "../../services/connectivity/index.js";
import type { HostContext } from "../context.js";
import type { Handlers } from "../dispatch.js";

/** Where the app keeps the connectivity checks it ran. */
export const checkHistoryDir = (dataDir: string): string => path.join(dataDir, "connectivity-history");

type ConnectivityMethod =
  "connectivity.run" | "connectivity.history" | "connectivity.get" | "connectivity.report";

export function connectivityHandlers(ctx: HostContext): Pick<Handlers, ConnectivityMethod> {
  const service = new ConnectivityService({
    // Electron knows the system's proxy (PAC included); elsewhere HTTPS_PROXY / NO_PROXY say it.
    dependencies: defaultDependencies({ resolveProxy: ctx.platform.resolveProxy ?? envProxyResolver() }),
    history: new CheckHistoryStore(checkHistoryDir(ctx.config.dataDir), (line) => console.warn(line)),
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
