import type { AppLog } from "./app-log.js";
import type { ServerProfile } from "../../shared/contract/app.js";
import { AppError } from "../../shared/errors.js";
import type { ProxySetting } from "../../shared/contract/network.js";
import type { AuthClient } from "../services/auth/auth-client.js";
import type { BrowserNet } from "../services/http/browser-net.js";
import type { PrivateCaTrust } from "../services/http/private-ca-trust.js";
import type { NetworkService } from "../services/network/network-service.js";
import type { SecretStore } from "../services/secrets/secret-store.js";
import type { MachineDefaultsLoad } from "../services/settings/machine-defaults.js";
import type { SettingsStore } from "../services/settings/settings-store.js";
import type { HostConfig } from "./config.js";
import type { EventHub } from "./dispatch.js";
import type { ServerConnection } from "./server-connection.js";
import type { SimulatorLauncher } from "./builtin-simulator/launcher.js";

/** What only a particular shell can provide (Electron's view of the system, for instance). */
export interface HostPlatform {
  /** The system's proxy for a URL in PAC form, PAC scripts included (Electron: `session.resolveProxy`). */
  resolveProxy?: (url: string) => Promise<string>;
  /**
   * Starts the built-in simulator's process: an Electron utility process in the
   * desktop app, a Node child process in the browser shell. Without it the
   * built-in profile reports that it cannot start.
   */
  simulator?: SimulatorLauncher;
  /** The app's log file, where the shell keeps its own lines, the simulator's stderr and the page's errors. */
  log?: AppLog;
  /**
   * The desktop app's route to every 2FA server: Chromium's network stack on the app's session (as
   * Microsoft Edge reaches the server). Without it (the browser shell) the route is Node's.
   */
  browser?: BrowserRoute;
}

/** Chromium's network stack as the host uses it: requests, per-host trust, and the app's proxy setting. */
export interface BrowserRoute {
  net: BrowserNet;
  /** The private CAs the session's certificate verify procedure trusts, each for one host. */
  trust: PrivateCaTrust;
  /**
   * Makes the session follow the app's proxy setting ("system": this computer's, PAC and WPAD
   * included) and forget kept connections and cached proxy credentials, so the next request takes
   * the setting and the credentials as they are now.
   */
  applyNetwork(setting: ProxySetting): Promise<void>;
}

/**
 * What every feature's handlers get from the composition root. Services that
 * depend on the server (auth, mailbox, checks) read `connection()` on each
 * call, so a change of server profile reaches them without rewiring.
 */
export interface HostContext {
  readonly config: Readonly<HostConfig>;
  readonly platform: HostPlatform;
  readonly events: EventHub;
  /** The machine-wide defaults file IT may give: what it sets and locks, or why it was ignored. */
  readonly machine: MachineDefaultsLoad;
  readonly settings: SettingsStore;
  /** The route to any 2FA server (proxy setting and decision) and the proxy credentials. */
  readonly network: NetworkService;
  /** Secrets such as a trainer's control tokens: in this computer's keychain where there is one, else in this run's memory. */
  readonly secrets: SecretStore;
  /** The current server connection. */
  connection(): ServerConnection;
  /** The auth client of the current server; throws the server's problem when it is unusable. */
  auth(): AuthClient;
  /** Switches server profile (saved in settings); resolves once the new server is ready. */
  setServer(profile: ServerProfile): Promise<void>;
  /** Called after every change of server (for services that keep per-server state). */
  onServerChanged(listener: (connection: ServerConnection) => void): () => void;
  /** Called when the services close (for services that hold devices or watchers). */
  onClose(step: () => Promise<void> | void): void;
}

/** Throws the reason a call cannot use the current server, if there is one. */
export function requireUsable(connection: ServerConnection): void {
  if (connection.starting) {
    throw new AppError(
      "SERVER_STARTING",
      "The built-in simulator is still starting. Please try again in a moment.",
    );
  }
  if (connection.problem) throw connection.problem;
  if (!connection.http) throw new AppError("SERVER_UNREACHABLE", "No server is configured.");
}
