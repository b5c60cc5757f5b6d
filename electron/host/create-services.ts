import type { ServerProfile } from "../../shared/contract/app.js";
import { AppError } from "../../shared/errors.js";
import { AuthClient } from "../services/auth/auth-client.js";
import { createHttpClient, destroyHttpClient } from "../services/http/create-http-client.js";
import { NetworkService } from "../services/network/network-service.js";
import { KeychainOrMemorySecretStore } from "../services/secrets/keychain-or-memory.js";
import { KeytarSecretStore } from "../services/secrets/keytar-secret-store.js";
import { loadMachineDefaults, machineDefaultsFile } from "../services/settings/machine-defaults.js";
import { SettingsStore } from "../services/settings/settings-store.js";
import { hostConfigSchema, localDataDirOf, type HostConfig } from "./config.js";
import { requireUsable, type HostContext, type HostPlatform } from "./context.js";
import { createDispatcher, EventHub, type Dispatch } from "./dispatch.js";
import { createHandlers } from "./handlers/index.js";
import { connect, disconnect, liveSimulator, type ServerConnection } from "./server-connection.js";
import type { SimulatorProcess } from "./builtin-simulator/simulator-process.js";

export interface Services {
  dispatch: Dispatch;
  events: EventHub;
  /** For shells and tests that need to know where the server is (never sent to the page). */
  context: HostContext;
  close(): Promise<void>;
}

/**
 * The composition root both shells call: reads the settings, opens the server
 * (starting the built-in simulator's process when that is the profile, without
 * waiting for it: the connection says "starting" until it is ready), builds the
 * services and the dispatcher over every contract method.
 */
export async function createServices(
  rawConfig: HostConfig,
  log: (line: string) => void = (line) => console.error(line),
  platform: HostPlatform = {},
): Promise<Services> {
  const config = hostConfigSchema.parse(rawConfig);
  const events = new EventHub();
  const machine = loadMachineDefaults(machineDefaultsFile(process.platform, process.env, config.systemRoot));
  if (machine.problem) {
    console.warn(`The machine-wide defaults file ${machine.file} is ignored: ${machine.problem.message}.`);
  }
  const settings = new SettingsStore(config.dataDir, (line) => console.warn(line), machine);
  const hashProfile = config.simulatorHashProfile ?? "production";
  // The OS keychain, shared by the proxy credentials and a trainer's control tokens.
  const keychain = new KeytarSecretStore();
  const network = new NetworkService({
    setting: {
      load: () => settings.load().network,
      save: (setting) => settings.saveNetwork(setting),
      locked: () => settings.isLocked("network"),
    },
    systemResolver: platform.resolveProxy,
    flagProxy: config.proxy ? new URL(config.proxy) : null,
    keychain,
  });
  // In the desktop app Chromium's stack carries every request: it follows the app's proxy setting.
  const browser = platform.browser;
  if (browser) {
    const apply = () =>
      browser.applyNetwork(network.setting()).catch((error: unknown) => {
        console.warn(`The proxy setting could not be given to the network stack: ${String(error)}`);
      });
    await apply();
    network.onChange(() => void apply());
  }
  // A server given on the command line is refused when IT locked the server.
  const serverFlag = config.server && settings.isLocked("server") ? undefined : config.server;
  if (config.server && !serverFlag) {
    console.warn(`--server ${config.server.url} is ignored: the 2FA server is locked by ${machine.file}.`);
  }
  const initial: ServerProfile = serverFlag
    ? {
        kind: "custom",
        url: serverFlag.url,
        ...(serverFlag.caFile ? { caFile: serverFlag.caFile } : {}),
      }
    : settings.load().server;

  const serverListeners = new Set<(connection: ServerConnection) => void>();
  interface Current {
    connection: ServerConnection;
    auth: AuthClient;
  }
  const open = (profile: ServerProfile, running: SimulatorProcess | null): Current => {
    const connection = connect(profile, {
      dataDir: localDataDirOf(config),
      hashProfile,
      launcher: platform.simulator,
      running,
      router: network,
      log: platform.log,
      browser,
      standaloneSimulator: config.server?.controlToken
        ? { url: config.server.url, controlToken: config.server.controlToken }
        : undefined,
    });
    const auth = new AuthClient({
      // An unusable server still gets a client so that `auth()` has one shape; calls are refused first.
      http: connection.http ?? createHttpClient({ baseURL: "https://127.0.0.1" }),
      clock: () => new Date(),
      onSessionChanged: (view) => {
        events.emit("session.changed", view);
        if (view.session) rememberUserId(profile, view.session.userId);
      },
    });
    return { connection, auth };
  };

  const rememberUserId = (profile: ServerProfile, userId: string) => {
    try {
      settings.saveLastUserId(profile, userId);
    } catch (error) {
      console.warn(`The user ID could not be remembered in ${settings.file}: ${(error as Error).message}`);
    }
  };
  let current: Current;
  let unfollow = () => {};
  let switching: Promise<void> = Promise.resolve();
  let closed = false;
  const closeSteps: Array<() => Promise<void> | void> = [];

  const announce = (connection: ServerConnection) => {
    for (const listener of serverListeners) listener(connection);
  };
  /** Makes `next` the current connection; the built-in simulator's later states (ready, failed) follow it. */
  const install = (next: Current) => {
    unfollow();
    current = next;
    const simulator = next.connection.simulator;
    unfollow = simulator
      ? simulator.onChange(() => {
          if (closed || current !== next) return;
          next.auth.reset();
          if (next.connection.http) destroyHttpClient(next.connection.http);
          install(open(next.connection.profile, simulator));
          announce(current.connection);
        })
      : () => {};
  };
  install(open(initial, null));

  const setServer = (profile: ServerProfile): Promise<void> => {
    // Checked before anything switches: a locked server is never changed, not even for this run.
    try {
      settings.assertUnlocked("server");
    } catch (error) {
      return Promise.reject(error);
    }
    const run = async () => {
      if (closed) throw new AppError("NOT_AVAILABLE", "The app is shutting down.");
      const previous = current;
      const keep = profile.kind === "builtin" ? liveSimulator(previous.connection) : null;
      previous.auth.reset();
      install(open(profile, keep));
      await disconnect(previous.connection, keep !== null);
      try {
        settings.saveServer(profile);
      } catch (error) {
        // The switch holds for this run; only remembering it failed.
        console.warn(`The server choice could not be saved in ${settings.file}: ${(error as Error).message}`);
      }
      announce(current.connection);
    };
    switching = switching.then(run, run);
    // A sign-in follows a change of server: it should find the built-in simulator started (or failed).
    // Outside the queue of switches, so that closing the app never waits for a start.
    return switching.then(() =>
      current.connection.simulator?.ready.then(
        () => {},
        () => {},
      ),
    );
  };

  const context: HostContext = {
    config,
    machine,
    platform,
    events,
    settings,
    network,
    secrets: new KeychainOrMemorySecretStore(keychain),
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
      unfollow();
      for (const step of closeSteps) await Promise.resolve(step()).catch(() => {});
      await disconnect(current.connection, false);
    },
  };
}
