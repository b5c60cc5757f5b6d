import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { idleLockMinutesProblem } from "../../shared/contract/session.js";

export interface MainArgs {
  server?: { url: string; caFile?: string };
  /** Data folder instead of Electron's userData (settings, simulator, browser profile). */
  dataDir?: string;
  idleLockMinutes?: number;
}

export const mainUsage =
  "Usage: npm start -- [--server <https-url>] [--ca <pem-file>] [--data <dir>] [--idle-lock-minutes <n>]";

const urlSchema = z.url({ protocol: /^https$/ });

/**
 * Reads --server and --ca from the process arguments. Electron and Chromium
 * add switches of their own, so unknown options are ignored, not refused.
 * Returns an error message instead of throwing for flags that are present but wrong.
 */
export function parseMainArgs(argv: string[]): MainArgs | { error: string } {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    allowPositionals: true,
    options: {
      server: { type: "string" },
      ca: { type: "string" },
      data: { type: "string" },
      "idle-lock-minutes": { type: "string" },
    },
  });
  const server = values.server;
  const ca = values.ca;
  if (server !== undefined && (typeof server !== "string" || !urlSchema.safeParse(server).success)) {
    return { error: `--server must be an https URL, got "${String(server)}".` };
  }
  if (ca !== undefined && (typeof ca !== "string" || ca === "")) return { error: "--ca needs a file name." };
  if (ca !== undefined && server === undefined) return { error: "--ca needs --server." };
  const data = values.data;
  if (data !== undefined && (typeof data !== "string" || data === ""))
    return { error: "--data needs a folder name." };
  const idle = values["idle-lock-minutes"];
  if (idle !== undefined) {
    const problem =
      typeof idle === "string" ? idleLockMinutesProblem(idle) : "--idle-lock-minutes needs a number.";
    if (problem !== null) return { error: problem };
  }
  return {
    ...(typeof idle === "string" ? { idleLockMinutes: Number(idle) } : {}),
    ...(typeof server === "string"
      ? { server: { url: server, ...(typeof ca === "string" ? { caFile: path.resolve(ca) } : {}) } }
      : {}),
    ...(typeof data === "string" ? { dataDir: path.resolve(data) } : {}),
  };
}
