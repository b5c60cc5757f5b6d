import fs from "node:fs";
import {
  parseDnsServer,
  PRODUCTION_SSO_URL,
  type CheckTarget,
  type DnsServerAddress,
} from "../../../shared/contract/connectivity.js";
import { AppError } from "../../../shared/errors.js";
import type { CheckOptions } from "./types.js";

/** Where the built-in simulator listens and the CA that signs its certificate. */
export interface BuiltinTarget {
  url: string;
  caPem: string;
}

export interface CheckRequest {
  target: CheckTarget;
  dnsServers: string[];
  caFile?: string | undefined;
  proxy?: string | undefined;
  timeoutMs: number;
}

/** Reads a PEM CA file; anything wrong becomes CA_FILE_UNREADABLE with the reason. */
export function readCaPem(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new AppError("CA_FILE_UNREADABLE", `The CA file ${file} cannot be read (${code}).`);
  }
  if (!text.includes("-----BEGIN CERTIFICATE-----")) {
    throw new AppError("CA_FILE_UNREADABLE", `The CA file ${file} does not contain a PEM certificate.`);
  }
  return text;
}

/** Turns a validated request into what the run needs, reading the CA file. */
export function toCheckOptions(request: CheckRequest, builtin: () => BuiltinTarget | null): CheckOptions {
  let url: string;
  let caPem: string | null = null;
  switch (request.target.kind) {
    case "production":
      url = PRODUCTION_SSO_URL;
      break;
    case "builtin": {
      const simulator = builtin();
      if (!simulator) throw new AppError("NOT_AVAILABLE", "The built-in simulator is not running.");
      url = simulator.url;
      caPem = simulator.caPem;
      break;
    }
    case "url":
      url = request.target.url;
      break;
  }
  if (request.caFile) caPem = caPem ? `${caPem}\n${readCaPem(request.caFile)}` : readCaPem(request.caFile);
  const dnsServers = request.dnsServers.map((text) => {
    const server = parseDnsServer(text);
    if (!server)
      throw new AppError("INVALID_INPUT", `"${text}" is not a DNS server address (ip or ip:port).`);
    return server;
  }) satisfies DnsServerAddress[];
  return {
    url: new URL(url),
    dnsServers,
    caPem,
    proxy: request.proxy ? new URL(request.proxy) : null,
    timeoutMs: request.timeoutMs,
  };
}
