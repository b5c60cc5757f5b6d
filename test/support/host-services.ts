import { createServices, type Services } from "../../electron/host/create-services.js";
import type { HostConfig } from "../../electron/host/config.js";
import type { ChildChannel, SimulatorLauncher } from "../../electron/host/builtin-simulator/launcher.js";
import { sourceSimulatorLauncher } from "../../electron/host/builtin-simulator/source-launcher.js";

/** What the browser shell gives the host: the built-in simulator in a Node child process, from source. */
export const nodePlatform = { simulator: sourceSimulatorLauncher() };

/** Resolves once the built-in simulator (if that is the server) is ready, or has failed. */
export async function untilSimulatorSettled(services: Services): Promise<void> {
  await services.context.connection().simulator?.ready.catch(() => {});
}

/** The host's services as the browser shell builds them, with the built-in simulator started. */
export async function startServices(
  config: HostConfig,
  log: (line: string) => void = () => {},
): Promise<Services> {
  const services = await createServices(config, log, nodePlatform);
  await untilSimulatorSettled(services);
  return services;
}

/**
 * Calls the built-in simulator's QA control API over HTTPS, with the address,
 * CA and control token the host received from the simulator's process.
 */
export async function callControl(
  services: Services,
  method: "GET" | "POST" | "PUT",
  path: string,
  body?: unknown,
): Promise<{ status: number; data: unknown }> {
  const connection = services.context.connection();
  if (!connection.http || connection.controlToken === null)
    throw new Error("the built-in simulator is not ready");
  const response = await connection.http.request({
    method,
    url: `/__sim${path}`,
    data: body,
    headers: { Authorization: `Bearer ${connection.controlToken}` },
  });
  return { status: response.status, data: response.data as unknown };
}

/** The browser shell's launcher, with a hand on each process: the start message waits for `release`. */
export function watchedLauncher() {
  const children: ChildChannel[] = [];
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const launcher: SimulatorLauncher = () => {
    const child = nodePlatform.simulator();
    children.push(child);
    return { ...child, send: (message) => void released.then(() => child.send(message)) };
  };
  return { launcher, children, release };
}
