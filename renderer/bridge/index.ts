import { createApi, type CcmsApi } from "../../shared/contract/api.js";
import { createHttpTransport } from "./httpTransport.js";
import { takeToken } from "./token.js";

declare global {
  interface Window {
    /** Provided by Electron's preload; absent in the browser shell. */
    ccms?: CcmsApi;
  }
}

export type BridgeProblem = "NO_TOKEN" | "TOKEN_REFUSED";

let api: CcmsApi | null = null;

/**
 * Connects the page to the main process: Electron's preload API when present,
 * otherwise the browser shell's HTTP API with the token from the page address.
 * Returns a problem instead when the page cannot talk to anything.
 */
export function connectBridge(onProblem: (problem: BridgeProblem) => void): CcmsApi | null {
  if (window.ccms) return installApi(window.ccms);
  const token = takeToken({ location: window.location, history: window.history, storage: window.sessionStorage });
  if (!token) {
    onProblem("NO_TOKEN");
    return null;
  }
  const transport = createHttpTransport({
    baseUrl: window.location.origin,
    token,
    onUnauthorized: () => onProblem("TOKEN_REFUSED"),
  });
  return installApi(createApi(transport));
}

export function installApi(next: CcmsApi): CcmsApi {
  api = next;
  return next;
}

/** The API the stores call; set once at start-up by `connectBridge` (or a test). */
export function ccms(): CcmsApi {
  if (!api) throw new Error("The bridge to the main process is not connected.");
  return api;
}
