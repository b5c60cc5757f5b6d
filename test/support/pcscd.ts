import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";

export const PCSCD_BINARY = "/usr/sbin/pcscd";
const PCSCD_SOCKET = "/run/pcscd/pcscd.comm";
const VPCD_PORT = 35963;

export interface PcscdHandle {
  /** Stops pcscd if this handle started it; leaves an already running one alone. */
  stop(): Promise<void>;
  readonly startedHere: boolean;
}

/** Why the PC/SC tests cannot run here, or undefined when they can. */
export function pcscSkipReason(): string | undefined {
  if (!existsSync(PCSCD_BINARY)) return "pcscd is not installed (apt-get install pcscd)";
  if (!existsSync("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")) {
    return "the vsmartcard virtual reader driver is not installed (apt-get install vsmartcard-vpcd)";
  }
  return undefined;
}

/** Starts `pcscd --foreground` unless one is already running, and waits until vpcd accepts a card. */
export async function ensurePcscd(): Promise<PcscdHandle> {
  if (pcscdRunning() && (await vpcdListening())) return { startedHere: false, stop: async () => {} };
  const child: ChildProcess = spawn(PCSCD_BINARY, ["--foreground"], { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let i = 0; i < 100; i++) {
    if (existsSync(PCSCD_SOCKET) && (await vpcdListening())) break;
    if (child.exitCode !== null) throw new Error(`pcscd exited with code ${child.exitCode} at start`);
    await sleep(100);
  }
  if (!(await vpcdListening())) {
    child.kill("SIGTERM");
    throw new Error("pcscd started but the vpcd reader never listened on 127.0.0.1:35963");
  }
  return {
    startedHere: true,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

function pcscdRunning(): boolean {
  return spawnSync("pgrep", ["-x", "pcscd"]).status === 0;
}

/**
 * Whether vpcd listens for a card. Connecting would look like a card insert to
 * pcscd, so this reads the kernel's socket table instead.
 */
export async function vpcdListening(): Promise<boolean> {
  const port = VPCD_PORT.toString(16).toUpperCase().padStart(4, "0");
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = await readFile(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (local?.endsWith(`:${port}`) && state === "0A") return true;
    }
  }
  return false;
}
