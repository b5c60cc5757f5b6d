import type { ProxyCredentials } from "../network/proxy-answer.js";

/** A proxy's challenge, as Chromium hands it to the app (Electron's `authInfo` of a `login` event). */
export interface ProxyChallenge {
  isProxy: boolean;
  /** Lower case, as Chromium names it: `basic`, `ntlm`, `negotiate`, `digest`. */
  scheme: string;
  host: string;
  port: number;
  realm: string;
}

/** Answers a challenge with credentials, or with null to cancel it (the request then fails with a 407). */
export type ProxyLogin = (challenge: ProxyChallenge) => Promise<ProxyCredentials | null>;

/**
 * The desktop app's network stack: Chromium's, on the app's session, as Microsoft Edge has it (the
 * system's proxy with PAC and WPAD, NTLM, Negotiate and Kerberos with the signed-in Windows account,
 * the operating system's certificate store). Electron's `net` module provides it in the main process;
 * nothing here imports Electron.
 */
export interface BrowserNet {
  /**
   * One exchange. With `redirect: "manual"` a redirect comes back as the 3xx answer itself. Rejects,
   * as Electron does, with an Error whose message is Chromium's error (`net::ERR_NAME_NOT_RESOLVED`),
   * or with the request signal's reason when it is aborted.
   */
  fetch(request: Request, login: ProxyLogin): Promise<Response>;
  /** The proxies Chromium would try for a URL, in PAC form (`PROXY a:8080; DIRECT`). */
  resolveProxy(url: string): Promise<string>;
}
