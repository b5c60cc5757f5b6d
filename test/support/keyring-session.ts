import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";

/** A private D-Bus session with GNOME Keyring's Secret Service, unlocked, in a home folder of its own. */
export interface KeyringSession {
  /** What a process needs to reach this keychain (HOME, XDG_*, DBUS_SESSION_BUS_ADDRESS). */
  env: Record<string, string>;
  home: string;
  stop(): Promise<void>;
}

const UNLOCK_PASSWORD = "keyring-of-this-test";

/** Why a keyring session cannot start here, or null when it can. */
export function keyringUnavailableReason(): string | null {
  for (const tool of ["dbus-daemon", "gnome-keyring-daemon", "dbus-send"]) {
    if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0) {
      return `${tool} is not installed (Debian: apt-get install dbus gnome-keyring)`;
    }
  }
  return null;
}

/**
 * Starts `dbus-daemon --session` and `gnome-keyring-daemon --unlock
 * --components=secrets` for a test, as a desktop login would, and waits until
 * the Secret Service answers on the bus. Both are stopped (by their process
 * ids) and the home folder removed on `stop()`.
 */
export async function startKeyringSession(): Promise<KeyringSession> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-keyring-"));
  const runtime = path.join(home, "run");
  fs.mkdirSync(runtime, { mode: 0o700 });
  const base = {
    HOME: home,
    XDG_RUNTIME_DIR: runtime,
    XDG_DATA_HOME: path.join(home, "data"),
    XDG_CONFIG_HOME: path.join(home, "config"),
    XDG_CACHE_HOME: path.join(home, "cache"),
  };
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children.reverse()) await ended(child);
    fs.rmSync(home, { recursive: true, force: true });
  };
  try {
    const bus = spawn("dbus-daemon", ["--session", "--nofork", "--nosyslog", "--print-address=1"], {
      env: { ...process.env, ...base },
      stdio: ["ignore", "pipe", "ignore"],
    });
    children.push(bus);
    const address = await firstLine(bus, 10_000);
    const env = { ...base, DBUS_SESSION_BUS_ADDRESS: address };
    const keyring = spawn("gnome-keyring-daemon", ["--foreground", "--unlock", "--components=secrets"], {
      env: { ...stripDesktop(process.env), ...env },
      stdio: ["pipe", "ignore", "ignore"],
    });
    children.push(keyring);
    keyring.stdin?.end(`${UNLOCK_PASSWORD}\n`);
    await secretServiceUp(env, 10_000);
    return { env, home, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The environment without any desktop session's bus or display: a process here has no keychain. */
export function stripDesktop(env: NodeJS.ProcessEnv): Record<string, string> {
  const drop = new Set(["DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR"]);
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && !drop.has(entry[0]),
    ),
  );
}

function firstLine(child: ChildProcess, limitMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) throw new Error("no stdout");
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error("dbus-daemon printed no address")), limitMs);
    lines.once("line", (line) => {
      clearTimeout(timer);
      lines.close();
      resolve(line.trim());
    });
    child.once("exit", (code) => reject(new Error(`dbus-daemon exited with ${code}`)));
  });
}

async function secretServiceUp(env: Record<string, string>, limitMs: number): Promise<void> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    const answer = spawnSync(
      "dbus-send",
      [
        "--session",
        "--print-reply",
        "--dest=org.freedesktop.DBus",
        "/",
        "org.freedesktop.DBus.NameHasOwner",
        "string:org.freedesktop.secrets",
      ],
      { env: { ...process.env, ...env }, encoding: "utf8" },
    );
    if (answer.stdout.includes("boolean true")) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the Secret Service did not come up on the test's D-Bus session");
}

async function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
  await exited;
  clearTimeout(timer);
}
