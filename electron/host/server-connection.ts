import path from "node:path";
import type { AxiosInstance } from "axios";
import type { ServerProfile } from "../../shared/contract/app.js";
import { AppError, isAppError } from "../../shared/errors.js";
import { createHttpClient, destroyHttpClient } from "../services/http/create-http-client.js";
import type { Router } from "../services/network/route-agent.js";
import { readCaFile } from "../services/settings/read-ca-file.js";
import { startSimulator } from "../../simulator/index.js";

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

/** The server the app talks to right now, and what it needs to talk to it. */
export interface ServerConnection {
  readonly profile: ServerProfile;
  readonly url: string;
  readonly simulated: boolean;
  /** Set while the server is unusable; calls needing it fail with this. */
  readonly problem: AppError | null;
  readonly http: AxiosInstance | null;
  readonly caPem: string | null;
  /** Only for the built-in simulator. */
  readonly controlToken: string | null;
  readonly simulator: Simulator | null;
}

export interface ConnectOptions {
  dataDir: string;
  hashProfile: "fast" | "production";
  /** A running built-in simulator to reuse instead of starting another. */
  running: Simulator | null;
  /** The route (proxy or direct) to another server; the built-in simulator is always reached directly. */
  router?: Router | undefined;
}

/** Opens the connection for a profile, starting the built-in simulator when needed. */
export async function connect(profile: ServerProfile, options: ConnectOptions): Promise<ServerConnection> {
  if (profile.kind === "builtin") {
    let simulator = options.running;
    try {
      simulator ??= await startSimulator({
        dataDir: path.join(options.dataDir, "simulator"),
        host: "127.0.0.1",
        port: 0,
        hashProfile: options.hashProfile,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return broken(
        profile,
        "builtin simulator",
        new AppError("SERVER_UNREACHABLE", `The built-in simulator could not start: ${reason}`),
      );
    }
    return {
      profile,
      url: simulator.url,
      simulated: true,
      problem: null,
      http: createHttpClient({ baseURL: originOf(simulator.url), caPem: simulator.caCertPem }),
      caPem: simulator.caCertPem,
      controlToken: simulator.controlToken,
      simulator,
    };
  }
  let caPem: string | null = null;
  if (profile.caFile !== undefined) {
    try {
      caPem = readCaFile(profile.caFile);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return broken(profile, profile.url, error);
    }
  }
  return {
    profile,
    url: profile.url,
    simulated: false,
    problem: null,
    http: createHttpClient({
      baseURL: originOf(profile.url),
      caPem: caPem ?? undefined,
      router: options.router,
    }),
    caPem,
    controlToken: null,
    simulator: null,
  };
}

/** Releases what a connection holds; the simulator only when `keepSimulator` is false. */
export async function disconnect(connection: ServerConnection, keepSimulator: boolean): Promise<void> {
  if (connection.http) destroyHttpClient(connection.http);
  if (connection.simulator && !keepSimulator) await connection.simulator.close();
}

function broken(profile: ServerProfile, url: string, problem: AppError): ServerConnection {
  return {
    profile,
    url,
    simulated: profile.kind === "builtin",
    problem,
    http: null,
    caPem: null,
    controlToken: null,
    simulator: null,
  };
}

/** The wire paths are absolute (`/sso/api/v1/...`), so only the origin of a server URL is used. */
function originOf(url: string): string {
  return new URL(url).origin;
}
