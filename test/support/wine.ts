import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Node for Windows under Debian's Wine (`wine64`): a Windows 10 prefix of its own, programs started
 * with their standard output and error in files (Wine's programs cannot write to a pipe: EBADF),
 * Linux paths seen as `Z:\…`, stopped with Ctrl+C (SIGINT, which Wine hands to the program as a
 * console control event) and, at the end, every Wine process of the prefix ended (`wineserver -k`).
 */
export const wineLoader = ["/usr/lib/wine/wine64", "/usr/bin/wine64"].find((file) => fs.existsSync(file));

/** Why Wine cannot run here, or null. */
export function wineMissing(): string | null {
  return wineLoader ? null : "Wine's 64-bit loader is missing (Debian: apt-get install wine64)";
}

/** A Linux path as a Windows program under Wine sees it. */
export const windowsPath = (linuxPath: string): string =>
  `Z:${path.resolve(linuxPath).replaceAll("/", "\\")}`;

export interface WineProgram {
  readonly child: ChildProcess;
  /** Everything it wrote so far to its standard output / error. */
  stdout(): string;
  stderr(): string;
  /** Resolves with its exit code once it has ended. */
  readonly exited: Promise<number | null>;
  /** Ctrl+C; resolves with the exit code. */
  interrupt(): Promise<number | null>;
}

export interface WinePrefix {
  readonly dir: string;
  /** The Windows user's profile folder inside the prefix (`C:\users\<name>`). */
  readonly profile: string;
  /** Runs `node.exe` with `args`; `cwd` is a Linux folder. */
  node(
    nodeExe: string,
    args: string[],
    options?: { cwd?: string; env?: Record<string, string> },
  ): WineProgram;
  /** Ends every Wine process of the prefix and removes it. */
  remove(): void;
}

/** Makes a Windows 10 prefix in a temporary folder (about 10 s the first time Wine starts in it). */
export function createWinePrefix(label: string): WinePrefix {
  if (!wineLoader) throw new Error(wineMissing() ?? "no Wine");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ccms-wine-${label}-`));
  const env = {
    ...process.env,
    WINEPREFIX: dir,
    WINEDEBUG: "-all",
    WINEDLLOVERRIDES: "winemenubuilder.exe=d",
  };
  const setup = spawnSync(wineLoader, ["winecfg", "-v", "win10"], {
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  if (setup.status !== 0) throw new Error(`Wine could not make a Windows 10 prefix: ${setup.stderr}`);
  const users = path.join(dir, "drive_c", "users");
  const name = fs.readdirSync(users).find((entry) => entry !== "Public") ?? os.userInfo().username;
  const logs = fs.mkdtempSync(path.join(os.tmpdir(), `ccms-wine-${label}-out-`));
  let runs = 0;
  return {
    dir,
    profile: path.join(users, name),
    node(nodeExe, args, options = {}) {
      const run = ++runs;
      const out = path.join(logs, `${run}.stdout`);
      const err = path.join(logs, `${run}.stderr`);
      const outFd = fs.openSync(out, "w");
      const errFd = fs.openSync(err, "w");
      const child = spawn(wineLoader as string, [nodeExe, ...args], {
        cwd: options.cwd,
        env: { ...env, ...options.env },
        stdio: ["ignore", outFd, errFd],
      });
      fs.closeSync(outFd);
      fs.closeSync(errFd);
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      const read = (file: string) => () => fs.readFileSync(file, "utf8").replaceAll("\r\n", "\n");
      return {
        child,
        stdout: read(out),
        stderr: read(err),
        exited,
        interrupt: () => {
          child.kill("SIGINT");
          return exited;
        },
      };
    },
    remove() {
      if (wineLoader)
        spawnSync(path.join(path.dirname(wineLoader), "wineserver"), ["-k"], { env, timeout: 30_000 });
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(logs, { recursive: true, force: true });
    },
  };
}
