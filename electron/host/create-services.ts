import type { ServerProfile } from "../../shared/contract/app.js";
import { AppError } from "../../shared/errors.js";
import { AuthClient } from "../services/auth/auth-client.js";
import { createHttpClient } from "../services/http/create-http-client.js";
import { MemorySecretStore } from "../services/secrets/secret-store.js";
import { SettingsStore } from "../services/settings/settings-store.js";
import { hostConfigSchema, type HostConfig } from "./config.js";
import { requireUsable, type HostContext, type HostPlatform } from "./context.js";
import { createDispatcher, EventHub, type Dispatch } from "./dispatch.js";
import { createHandlers } from "./handlers/index.js";
import { connect, disconnect, type ServerConnection } from "./server-connection.js";

export interface Services {
  dispatch: Dispatch;
  events: EventHub;
  /** For shells and tests that need to know where the server is (never sent to the page). */
  context: HostContext;
  close(): Promise<void>;
}

/**
 * The composition root both shells call: reads the settings, opens the server
 * (starting the built-in simulator when that is the profile), builds the
 * services and the dispatcher over every contract method.
 */
export async function createServices(
  rawConfig: HostConfig,
  log: (line: string) => void = (line) => console.error(line),
  platform: HostPlatform = {},
): Promise<Services> {
  const config = hostConfigSchema.parse(rawConfig);
  const events = new EventHub();
  const settings = new SettingsStore(config.dataDir, (line) => console.warn(line));
  const hashProfile = config.simulatorHashProfile ?? "production";
  const initial: ServerProfile = config.server
    ? {
        kind: "custom",
        url: config.server.url,
        ...(config.server.caFile ? { caFile: config.server.caFile } : {}),
      }
    : settings.load().server;

  const serverListeners = new Set<(connection: ServerConnection) => void>();
  const open = async (profile: ServerProfile, running: ServerConnection["simulator"]) => {
    const connection = await connect(profile, { dataDir: config.dataDir, hashProfile, running });
    const auth = new AuthClient({
      // An unusable server still gets a client so that `auth()` has one shape; calls are refused first.
      http: connection.http ?? createHttpClient({ baseURL: "https://127.0.0.1" }),
      clock: () => new Date(),
      onSessionChanged: (view) => events.emit("session.changed", view),
    });
    return { connection, auth };
  };

  let current = await open(initial, null);
  let switching: Promise<void> = Promise.resolve();
  let closed = false;
  const closeSteps: Array<() => Promise<void> | void> = [];

  const setServer = (profile: ServerProfile): Promise<void> => {
    const run = async () => {
      if (closed) throw new AppError("NOT_AVAILABLE", "The app is shutting down.");
      const previous = current;
      const reuse = profile.kind === "builtin" ? previous.connection.simulator : null;
      previous.auth.reset();
      const next = await open(profile, reuse);
      current = next;
      await disconnect(previous.connection, reuse !== null);
      try {
        settings.saveServer(profile);
      } catch (error) {
        // The switch holds for this run; only remembering it failed.
        console.warn(`The server choice could not be saved in ${settings.file}: ${(error as Error).message}`);
      }
      for (const listener of serverListeners) listener(next.connection);
    };
    switching = switching.then(run, run);
    return switching;
  };

  const context: HostContext = {
    config,
    platform,
    events,
    settings,
    secrets: new MemorySecretStore(),
    connection: () => current.connection,
    auth: () => {
      requireUsable(current.connection);
      return current.auth;
    },
    setServer,
    onServerChanged: (listener) => {
      serverListeners.add(listener);
      return () => serverListeners.delete(listener);
    },
    onClose: (step) => {
      closeSteps.push(step);
    },
  };

  const dispatch = createDispatcher(createHandlers(context), log);
  return {
    dispatch,
    events,
    context,
    close: async () => {
      if (closed) return;
      closed = true;
      await switching.catch(() => {});
      for (const step of closeSteps) await Promise.resolve(step()).catch(() => {});
      await disconnect(current.connection, false);
    },
  };
}
