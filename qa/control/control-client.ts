import fs from "node:fs";
import https from "node:https";
import { errorBodySchema } from "../../shared/error-schemas.js";

/** Where a running simulator's control API is and how to be let in. */
export interface ControlConnection {
  /** `https://127.0.0.1:<port>` */
  url: string;
  /** PEM file of the simulator's CA (trusted for this connection only). */
  caFile: string;
  /** Bearer token of the control API. */
  token: string;
}

/** The simulator answered with an error: its code (`NOT_FOUND`, `INVALID_INPUT`, …), status and message. */
export class SimulatorRefused extends Error {
  override readonly name = "SimulatorRefused";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** The simulator could not be reached at all (nothing listens, TLS refused, a reply that is not its own). */
export class SimulatorUnreachable extends Error {
  override readonly name = "SimulatorUnreachable";
}

export type ControlMethod = "GET" | "POST" | "PUT" | "DELETE";

/**
 * A client of the simulator's control API over HTTPS, trusting only the simulator's CA file
 * (verification is never turned off). A refusal throws `SimulatorRefused`, a failure to reach it
 * `SimulatorUnreachable`.
 */
export class ControlClient {
  private readonly agent: https.Agent;

  constructor(
    readonly connection: ControlConnection,
    private readonly timeoutMs = 15_000,
  ) {
    let ca: Buffer;
    try {
      ca = fs.readFileSync(connection.caFile);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "error";
      throw new SimulatorUnreachable(`The CA file ${connection.caFile} cannot be read (${code}).`);
    }
    this.agent = new https.Agent({ ca, keepAlive: true, maxSockets: 4 });
  }

  /** Calls `route` (a path under the simulator, e.g. `/__sim/users`) and returns the JSON answer (null for 204). */
  request(method: ControlMethod, route: string, body?: unknown): Promise<unknown> {
    const target = new URL(route, this.connection.url);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const request = https.request(
        target,
        {
          method,
          agent: this.agent,
          timeout: this.timeoutMs,
          headers: {
            authorization: `Bearer ${this.connection.token}`,
            accept: "application/json",
            ...(payload === undefined
              ? {}
              : { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", (error) => reject(unreachable(target, error)));
          response.on("end", () => {
            try {
              resolve(answerOf(response.statusCode ?? 0, Buffer.concat(chunks).toString("utf8"), target));
            } catch (error) {
              reject(error as Error);
            }
          });
        },
      );
      request.on("timeout", () =>
        request.destroy(new Error(`no answer within ${Math.round(this.timeoutMs / 1000)} s`)),
      );
      request.on("error", (error) => reject(unreachable(target, error)));
      request.end(payload);
    });
  }

  /** Closes the kept connections. */
  close(): void {
    this.agent.destroy();
  }
}

function answerOf(status: number, text: string, target: URL): unknown {
  let json: unknown = null;
  if (text !== "") {
    try {
      json = JSON.parse(text) as unknown;
    } catch {
      throw new SimulatorUnreachable(
        `${target.origin} answered ${status} with something that is not JSON: is it the CCMS simulator?`,
      );
    }
  }
  if (status >= 200 && status < 300) return json;
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) {
    throw new SimulatorUnreachable(
      `${target.origin} answered ${status} without the simulator's error body: is it the CCMS simulator?`,
    );
  }
  const { code, message, details } = parsed.data.error;
  throw new SimulatorRefused(status, code, message, details);
}

function unreachable(target: URL, error: Error): SimulatorUnreachable {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === "ECONNREFUSED" ? "nothing listens there" : error.message;
  return new SimulatorUnreachable(
    `Cannot reach the simulator at ${target.origin}: ${why}${code ? ` (${code})` : ""}.`,
  );
}
