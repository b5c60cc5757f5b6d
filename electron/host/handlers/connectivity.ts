import path from "node:path";
import {
  CheckHistoryStore,
  ConnectivityService,
  defaultDependencies,
} from "../../services/connectivity/index.js";
import { builtinRoute } from "../../services/network/route-decision.js";
import { localDataDirOf } from "../config.js";
import { browserProbe } from "../browser-stack.js";
import type { HostContext } from "../context.js";
import type { Handlers } from "../dispatch.js";
import { practiceOf } from "../practice.js";

/** Where the app keeps the connectivity checks it ran. */
export const checkHistoryDir = (dataDir: string): string => path.join(dataDir, "connectivity-history");

type ConnectivityMethod =
  "connectivity.run" | "connectivity.history" | "connectivity.get" | "connectivity.report";

export function connectivityHandlers(ctx: HostContext): Pick<Handlers, ConnectivityMethod> {
  const service = new ConnectivityService({
    // The sign-in's own route decision and proxy credentials: a check that passes means the sign-in can.
    dependencies: defaultDependencies({
      router: {
        decide: async (target) => (isBuiltin(target) ? builtinRoute(target) : ctx.network.decide(target)),
        credentialsFor: (proxy) => ctx.network.credentialsFor(proxy),
      },
      // The desktop app's first step: the page through the sign-in's own stack, as Edge reaches it.
      browser: ctx.platform.browser
        ? browserProbe(ctx.platform.browser, (proxy) => ctx.network.credentialsFor(proxy))
        : undefined,
    }),
    history: new CheckHistoryStore(checkHistoryDir(localDataDirOf(ctx.config)), (line) => console.warn(line)),
    appVersion: ctx.config.version,
    builtinTarget: () => {
      const connection = ctx.connection();
      return connection.simulated && connection.simulator && connection.caPem
        ? { url: new URL("/sso", connection.url).href, caPem: connection.caPem }
        : null;
    },
    log: (line) => console.warn(line),
  });
  /** The built-in simulator runs inside the app and is reached directly, by the sign-in and the check alike. */
  function isBuiltin(target: URL): boolean {
    const connection = ctx.connection();
    return (
      connection.profile.kind === "builtin" &&
      connection.simulator !== null &&
      new URL(connection.url).origin === target.origin
    );
  }

  const practice = practiceOf(ctx);
  return {
    "connectivity.run": async (input) => {
      // Whoever is practising when the check starts ran it (the simulator's audit log hears of it).
      const userId = practice.userId();
      return service.start(input, {
        onStep: (runId, step) => ctx.events.emit("connectivity.step", { runId, step }),
        onDone: (run) => {
          practice.reportCheck(userId, run);
          ctx.events.emit("connectivity.done", { runId: run.runId, run });
        },
      });
    },
    "connectivity.history": async () => ({ runs: service.history() }),
    "connectivity.get": async ({ runId }) => service.get(runId),
    "connectivity.report": async ({ runId, format }) => service.report(runId, format),
  };
}
