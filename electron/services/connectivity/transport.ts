import net from "node:net";
import { TimedOut, withTimeout } from "./time-budget.js";
import { errorCode } from "./types.js";

/** How a TCP connection attempt ended badly, told apart for the hint. */
export type ConnectProblem = "refused" | "timeout" | "unreachable" | "reset" | "other";

export class ConnectFailed extends Error {
  constructor(
    readonly problem: ConnectProblem,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ConnectFailed";
  }
}

export function classifyConnectError(error: unknown): ConnectFailed {
  if (error instanceof ConnectFailed) return error;
  if (error instanceof TimedOut) return new ConnectFailed("timeout", "ETIMEDOUT", error.message);
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === "ECONNREFUSED") return new ConnectFailed("refused", code, message);
  if (code === "ETIMEDOUT") return new ConnectFailed("timeout", code, message);
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH" || code === "EADDRNOTAVAIL")
    return new ConnectFailed("unreachable", code, message);
  if (code === "ECONNRESET" || code === "EPIPE") return new ConnectFailed("reset", code, message);
  return new ConnectFailed("other", code || "ERROR", message);
}

/** Opens a TCP connection, bounded by `limitMs`; the socket is destroyed on timeout. */
export function connectTcp(host: string, port: number, limitMs: number): Promise<net.Socket> {
  const socket = net.connect({ host, port });
  const connected = new Promise<net.Socket>((resolve, reject) => {
    socket.once("connect", () => {
      socket.off("error", reject);
      // Later errors belong to whoever uses the socket; this keeps an unused one from crashing the process.
      socket.on("error", ignore);
      resolve(socket);
    });
    socket.once("error", reject);
  });
  return withTimeout(connected, limitMs, () => socket.destroy()).catch((error: unknown) => {
    socket.destroy();
    throw classifyConnectError(error);
  });
}

const ignore = (): void => {};
