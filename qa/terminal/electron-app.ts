import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { _electron, type ElectronApplication } from "@playwright/test";
import { electronMainBundle, packageRoot } from "../processes/package-files.js";

/**
 * Electron's binary as the `electron` package gives it (the test project's own, else ours), or why there
 * is none: it is downloaded at install, which some machines cannot do.
 */
export function findElectron(): { binary: string } | { reason: string } {
  const from = [path.join(process.cwd(), "package.json"), path.join(packageRoot, "package.json")];
  let reason = "the electron package is not installed";
  for (const base of from) {
    try {
      const binary = createRequire(base)("electron") as unknown;
      if (typeof binary !== "string") return { reason: "the electron package did not give a binary path" };
      if (!fs.existsSync(binary)) return { reason: `Electron's binary ${binary} does not exist` };
      return { binary };
    } catch (error) {
      const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
      if (!/Cannot find module 'electron'/.test(message)) return { reason: message };
      reason = message;
    }
  }
  return { reason };
}

/** Starts the desktop app with a data folder of its own, pointed at `server` (trusting its CA file). */
export function launchElectronApp(options: {
  binary: string;
  server: { url: string; caFile: string; controlToken: string };
  dataDir: string;
  args?: string[];
  env?: Record<string, string | undefined>;
}): Promise<ElectronApplication> {
  // Root (CI containers) cannot use Chromium's setuid sandbox; the renderer's own sandbox flag still applies.
  const sandbox = process.getuid?.() === 0 ? ["--no-sandbox"] : [];
  const env = Object.fromEntries(
    Object.entries({ ...process.env, CCMS_SIM_TOKEN: options.server.controlToken, ...options.env }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
  return _electron.launch({
    executablePath: options.binary,
    args: [
      ...sandbox,
      electronMainBundle,
      "--server",
      options.server.url,
      "--ca",
      options.server.caFile,
      "--data",
      options.dataDir,
      ...(options.args ?? []),
    ],
    cwd: packageRoot,
    env,
  });
}
