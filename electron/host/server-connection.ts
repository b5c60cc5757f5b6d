import path from "node:path";
import type { AxiosInstance } from "axios";
import type { ServerProfile } from "../../shared/contract/app.js";
import { AppError, isAppError } from "../../shared/errors.js";
import { createBrowserHttpClient } from "../services/http/browser-http-client.js";
import { createHttpClient, destroyHttpClient } from "../services/http/create-http-client.js";
import type { Router } from "../services/network/route-agent.js";
import type { BrowserRoute } from "./context.js";
import { readCaFile } from "../services/settings/read-ca-file.js";
import type { SimulatorLauncher } from "./builtin-simulator/launcher.js";
import { SimulatorProcess, type ProcessLog } from "./builtin-simulator/simulator-process.js";

/** The server the app talks to right now, and what it needs to talk to it. */
export interface ServerConnection {
  readonly profile: ServerProfile;
  readonly url: string;
  readonly simulated: boolean;
  /** The built-in simulator's process is still starting: calls are refused with SERVER_STARTING. */
  readonly starting: boolean;
  /** Set while the server is unusable; calls needing it fail with this. */
  readonly problem: AppError | null;
  readonly http: AxiosInstance | null;
  readonly caPem: string | null;
  /** The built-in simulator's, or a standalone simulator's given with the server on the command line. */
  readonly controlToken: string | null;
  /** The built-in simulator's process (whatever its state), for the built-in profile. */
  readonly simulator: SimulatorProcess | null;
}

export interface ConnectOptions {
  dataDir: string;
  hashProfile: "fast" | "production";
  /** Starts the built-in simulator's process; without one the built-in profile cannot be used. */
  launcher: SimulatorLauncher | undefined;
  /** The built-in simulator's process to connect to, in whatever state; without one a new one is started. */
  running: SimulatorProcess | null;
  /** The route (proxy or direct) to another server; the built-in simulator is always reached directly. */
  router?: Router | undefined;
  /** The desktop app's route (Chromium's stack); without it, Node's (the router's decision). */
  browser?: BrowserRoute | undefined;
  /** The server given on the command line, when it is a standalone simulator whose control token was given too. */
  standaloneSimulator?: { url: string; controlToken: string } | undefined;
  /** Where the built-in simulator's stderr is kept. */
  log?: ProcessLog | undefined;
}

/**
 * The connection for a profile, at once: for the built-in simulator it is a
 * "starting" connection until the simulator's process says it is ready (call
 * `connect` again then, with the same process as `running`).
 */
export function connect(profile: ServerProfile, options: ConnectOptions): ServerConnection {
  if (profile.kind === "builtin") return builtin(profile, options);
  let caPem: string | null = null;
  if (profile.caFile !== undefined) {
    try {
      caPem = readCaFile(profile.caFile);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return broken(profile, profile.url, error, null);
    }
  }
  const controlToken =
    options.standaloneSimulator?.url === profile.url ? options.standaloneSimulator.controlToken : null;
  return {
    profile,
    url: profile.url,
    simulated: controlToken !== null,
    starting: false,
    problem: null,
    http: httpClientFor(originOf(profile.url), caPem, options),
    caPem,
    controlToken,
    simulator: null,
  };
}

function builtin(profile: ServerProfile, options: ConnectOptions): ServerConnection {
  let simulator = options.running;
  if (simulator === null) {
    if (!options.launcher) {
      return broken(
        profile,
        "builtin simulator",
        new AppError("SERVER_UNREACHABLE", "This shell cannot start the built-in simulator."),
        null,
      );
    }
    simulator = SimulatorProcess.start(options.launcher, {
      dataDir: path.join(options.dataDir, "simulator"),
      hashProfile: options.hashProfile,
      log: options.log,
    });
  }
  const state = simulator.current;
  switch (state.kind) {
    case "starting":
      return {
        profile,
        url: "builtin simulator",
        simulated: true,
        starting: true,
        problem: null,
        http: null,
        caPem: null,
        controlToken: null,
        simulator,
      };
    case "ready":
      return {
        profile,
        url: state.endpoint.url,
        simulated: true,
        starting: false,
        problem: null,
        http: httpClientFor(originOf(state.endpoint.url), state.endpoint.caCertPem, {
          ...options,
          router: undefined,
        }),
        caPem: state.endpoint.caCertPem,
        controlToken: state.endpoint.controlToken,
        simulator,
      };
    case "failed":
      return broken(
        profile,
        "builtin simulator",
        new AppError("SERVER_UNREACHABLE", state.reason),
        simulator,
      );
    case "stopped":
      return broken(
        profile,
        "builtin simulator",
        new AppError("SERVER_UNREACHABLE", "The built-in simulator was stopped."),
        simulator,
      );
  }
}

/** The connection's simulator when it is alive (starting or ready), to keep across a change of profile. */
export function liveSimulator(connection: ServerConnection): SimulatorProcess | null {
  const kind = connection.simulator?.current.kind;
  return kind === "starting" || kind === "ready" ? connection.simulator : null;
}

/** Releases what a connection holds; its simulator too, unless `keepSimulator`. */
export async function disconnect(connection: ServerConnection, keepSimulator: boolean): Promise<void> {
  if (connection.http) destroyHttpClient(connection.http);
  if (connection.simulator && !keepSimulator) await connection.simulator.stop();
}

function broken(
  profile: ServerProfile,
  url: string,
  problem: AppError,
  simulator: SimulatorProcess | null,
): ServerConnection {
  return {
    profile,
    url,
    simulated: profile.kind === "builtin",
    starting: false,
    problem,
    http: null,
    caPem: null,
    controlToken: null,
    simulator,
  };
}

/**
 * The client of a server: over Chromium's stack in the desktop app (a private CA trusted for the
 * server's host only), else over Node's with the CA added to the agent's trust and the router's route.
 */
function httpClientFor(baseURL: string, caPem: string | null, options: ConnectOptions): AxiosInstance {
  const { browser, router } = options;
  if (browser) {
    return createBrowserHttpClient({
      baseURL,
      net: browser.net,
      credentialsFor: (proxy) => router?.credentialsFor(proxy) ?? Promise.resolve(null),
      privateCa: caPem === null ? undefined : { trust: browser.trust, pem: caPem },
    });
  }
  return createHttpClient({ baseURL, caPem: caPem ?? undefined, router });
}

/** The wire paths are absolute (`/sso/api/v1/...`), so only the origin of a server URL is used. */
function originOf(url: string): string {
  return new URL(url).origin;
}
