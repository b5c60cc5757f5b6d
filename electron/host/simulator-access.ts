import type { AxiosInstance } from "axios";
import type { RehearsalView } from "../../shared/contract/rehearsal.js";
import { AppError, isAppError } from "../../shared/errors.js";
import { SIMULATOR_STATUS_PATH, simStatusSchema, type SimStatus } from "../../shared/wire/control.js";
import { requestJson } from "../services/http/request-json.js";
import { SimulatorControlClient } from "../services/simulator-control/simulator-control-client.js";
import type { HostContext } from "./context.js";
import type { ServerConnection } from "./server-connection.js";

/** The simulator's public status (phase and date), or null when the server is not a simulator. */
export async function simulatorStatusOf(http: AxiosInstance | null): Promise<SimStatus | null> {
  if (!http) return null;
  try {
    return await requestJson(http, { method: "GET", url: SIMULATOR_STATUS_PATH }, simStatusSchema);
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}

/**
 * A trainer's token is kept per simulator, so each training room's simulator has its own: in the secret
 * store (this computer's keychain where there is one, this run's memory otherwise) under this service,
 * the simulator's origin as the account.
 */
export const TRAINER_TOKEN_SERVICE = "CCMS Terminal emulator: simulator control token";
const tokenAccount = (connection: ServerConnection): string => new URL(connection.url).origin;

export type SimulatorControl =
  { kind: "builtin" | "trainer"; client: SimulatorControlClient } | { kind: "none" };

/**
 * How the app reaches the control API of the simulator it is connected to:
 * the built-in simulator's own token, or the token a trainer gave for a
 * standalone one (kept in the secret store). Always over HTTPS, never by a
 * side door, so it does not matter where the simulator runs.
 */
export class SimulatorAccess {
  constructor(private readonly ctx: HostContext) {}

  async control(): Promise<SimulatorControl> {
    const connection = this.ctx.connection();
    if (connection.problem || !connection.http) return { kind: "none" };
    if (connection.controlToken !== null) {
      return {
        kind: "builtin",
        client: new SimulatorControlClient(connection.http, connection.controlToken),
      };
    }
    const token = await this.ctx.secrets.get(TRAINER_TOKEN_SERVICE, tokenAccount(connection));
    return token === null
      ? { kind: "none" }
      : { kind: "trainer", client: new SimulatorControlClient(connection.http, token) };
  }

  /** The control client, or NOT_AVAILABLE saying why there is none. */
  async requireControl(): Promise<SimulatorControlClient> {
    const control = await this.control();
    if (control.kind === "none") {
      throw new AppError(
        "NOT_AVAILABLE",
        "The app has no control of this server: only a simulator, and for a standalone one a trainer's control token, allow it.",
      );
    }
    return control.client;
  }

  /** What the rehearsal panel may show and do. */
  async view(): Promise<RehearsalView> {
    const control = await this.control();
    if (control.kind !== "none") {
      try {
        const state = await control.client.rehearsal();
        return control.kind === "builtin"
          ? { access: "builtin", state }
          : { access: "trainer", state, tokenKept: await this.tokenKept() };
      } catch (error) {
        if (control.kind === "trainer" && isAppError(error) && error.code === "CONTROL_TOKEN_REFUSED") {
          return { access: "token-needed", refused: true };
        }
        throw error;
      }
    }
    const connection = this.ctx.connection();
    const standaloneSimulator =
      connection.profile.kind === "custom" && (await simulatorStatusOf(connection.http)) !== null;
    return standaloneSimulator ? { access: "token-needed", refused: false } : { access: "none" };
  }

  /** Keeps a trainer's token once the simulator accepts it; a refused one is not kept and changes nothing. */
  async setTrainerToken(token: string): Promise<RehearsalView> {
    const connection = this.ctx.connection();
    if (connection.controlToken !== null) {
      throw new AppError("NOT_AVAILABLE", "The built-in simulator needs no trainer's token.");
    }
    if (connection.problem || !connection.http || (await simulatorStatusOf(connection.http)) === null) {
      throw new AppError("NOT_AVAILABLE", "The server in use is not a simulator: it has no control token.");
    }
    const state = await new SimulatorControlClient(connection.http, token).rehearsal();
    await this.ctx.secrets.set(TRAINER_TOKEN_SERVICE, tokenAccount(connection), token);
    return { access: "trainer", state, tokenKept: await this.tokenKept() };
  }

  /** Where the secret store keeps a token: the keychain when it can be used, else this run's memory. */
  private async tokenKept(): Promise<"keychain" | "memory"> {
    return (await this.ctx.secrets.availability()).available ? "keychain" : "memory";
  }

  async forgetTrainerToken(): Promise<RehearsalView> {
    const connection = this.ctx.connection();
    if (connection.controlToken === null)
      await this.ctx.secrets.delete(TRAINER_TOKEN_SERVICE, tokenAccount(connection));
    return this.view();
  }
}

const accessOf = new WeakMap<HostContext, SimulatorAccess>();

/** The one SimulatorAccess of a host (shared by the rehearsal, practice and practice-card handlers). */
export function simulatorAccess(ctx: HostContext): SimulatorAccess {
  let access = accessOf.get(ctx);
  if (access === undefined) {
    access = new SimulatorAccess(ctx);
    accessOf.set(ctx, access);
  }
  return access;
}
