import type { CcmsApi } from "../../shared/contract/api.js";
import { takeToken, type TokenPlace } from "./token.js";

export type BridgeProblem = "NO_TOKEN" | "TOKEN_REFUSED";

/** What this module reads of the page; typed here so the module also compiles for Node tests. */
interface PageGlobals {
  /** Provided by Electron's preload; absent in the browser shell. */
  ccms?: CcmsApi;
  location: TokenPlace["location"] & { readonly origin: string };
  history: TokenPlace["history"];
  sessionStorage: TokenPlace["storage"];
}

let resolveApi: (api: CcmsApi) => void = () => {};
let ready: Promise<CcmsApi> = new Promise((resolve) => (resolveApi = resolve));

/**
 * Connects the page to the main process: Electron's preload API when present,
 * otherwise the browser shell's HTTP API with the token from the page address.
 * The HTTP bridge (and the contract's schemas) load after the first paint, so
 * the login form is usable at once; the API is installed once `ready` settles too
 * (what its answers may show needs it). Reports a problem when there is nothing to talk to.
 */
export async function connectBridge(
  onProblem: (problem: BridgeProblem) => void,
  ready: Promise<unknown> = Promise.resolve(),
): Promise<void> {
  const page = globalThis as unknown as PageGlobals;
  if (page.ccms) {
    const preloaded = page.ccms;
    await ready;
    installApi(preloaded);
    return;
  }
  const token = takeToken({ location: page.location, history: page.history, storage: page.sessionStorage });
  if (!token) {
    onProblem("NO_TOKEN");
    return;
  }
  const [{ createApi }, { createHttpTransport }] = await Promise.all([
    import("../../shared/contract/api.js"),
    import("./http-transport.js"),
    ready,
  ]);
  const transport = createHttpTransport({
    baseUrl: page.location.origin,
    token,
    onUnauthorized: () => onProblem("TOKEN_REFUSED"),
  });
  installApi(createApi(transport));
}

/**
 * What the page does when a call fails for want of something only the person can give (a proxy's
 * password, say): resolves true once it is given, and the call is made again; false leaves the failure.
 */
export type Recovery = (error: unknown, method: string) => Promise<boolean>;

let recovery: Recovery | null = null;

/** Sets (or with null, clears) the page's recovery; one at a time. */
export function setRecovery(next: Recovery | null): void {
  recovery = next;
}

/** Sets the API the stores use (at start-up, or in a test). */
export function installApi(api: CcmsApi): void {
  const recovering = withRecovery(api);
  resolveApi(recovering);
  ready = Promise.resolve(recovering);
}

/** Every method of `api`, tried again for as long as the recovery asks for it; events untouched. */
function withRecovery(api: CcmsApi): CcmsApi {
  const wrapped: Record<string, unknown> = {};
  for (const [namespace, group] of Object.entries(api)) {
    if (namespace === "on") {
      wrapped[namespace] = group;
      continue;
    }
    const methods: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [name, call] of Object.entries(
      group as Record<string, (input: unknown) => Promise<unknown>>,
    )) {
      methods[name] = async (input) => {
        for (;;) {
          try {
            return await call(input);
          } catch (error) {
            if (!recovery || !(await recovery(error, `${namespace}.${name}`))) throw error;
          }
        }
      };
    }
    wrapped[namespace] = methods;
  }
  return wrapped as CcmsApi;
}

/** The API the stores call, once the bridge is connected. */
export function ccms(): Promise<CcmsApi> {
  return ready;
}
