import { z } from "zod";
import type { KeychainView, ProxyCredentialView } from "../../../shared/contract/network.js";
import { MemorySecretStore } from "../secrets/memory-secret-store.js";
import { keychainCause, type SecretStore } from "../secrets/secret-store.js";
import type { ProxyCredentials } from "./proxy-answer.js";

/** The keychain entry of a proxy's credentials: service this, account `host:port`. */
export const PROXY_SECRET_SERVICE = "CCMS Terminal emulator: proxy";

const storedSchema = z.object({ username: z.string().min(1), password: z.string().min(1) });

/**
 * Proxy credentials per `host:port`: this run's (memory) and, when the person
 * asks to be remembered and the computer has one, the OS keychain's. Never a
 * file, never settings.json; nothing here logs or puts a secret in an error.
 */
export class ProxyCredentialStore {
  private readonly session = new MemorySecretStore();

  constructor(private readonly keychain: SecretStore) {}

  async keychainView(): Promise<KeychainView> {
    const availability = await this.keychain.availability();
    return {
      available: availability.available,
      reason: availability.reason,
      cause: availability.available ? null : keychainCause(availability.reason),
    };
  }

  /** This run's credentials for the proxy, else the keychain's (then kept for this run). */
  async get(proxy: string): Promise<ProxyCredentials | null> {
    const here = readStored(await this.session.get(PROXY_SECRET_SERVICE, proxy));
    if (here) return here;
    if (!(await this.keychain.availability()).available) return null;
    let remembered: ProxyCredentials | null;
    try {
      remembered = readStored(await this.keychain.get(PROXY_SECRET_SERVICE, proxy));
    } catch {
      return null;
    }
    if (remembered) await this.session.set(PROXY_SECRET_SERVICE, proxy, JSON.stringify(remembered));
    return remembered;
  }

  /**
   * Keeps credentials for this run and, when `remember` and a keychain is here,
   * in the keychain; not remembering removes an older keychain entry.
   */
  async set(
    proxy: string,
    credentials: ProxyCredentials,
    remember: boolean,
  ): Promise<{ remembered: boolean }> {
    const secret = JSON.stringify({ username: credentials.username, password: credentials.password });
    await this.session.set(PROXY_SECRET_SERVICE, proxy, secret);
    if (!(await this.keychain.availability()).available) return { remembered: false };
    if (!remember) {
      await this.keychain.delete(PROXY_SECRET_SERVICE, proxy);
      return { remembered: false };
    }
    await this.keychain.set(PROXY_SECRET_SERVICE, proxy, secret);
    return { remembered: true };
  }

  async forget(proxy: string): Promise<void> {
    await this.session.delete(PROXY_SECRET_SERVICE, proxy);
    if ((await this.keychain.availability()).available)
      await this.keychain.delete(PROXY_SECRET_SERVICE, proxy);
  }

  /** Every proxy with credentials (this run's or remembered), by user name; never the passwords. */
  async list(): Promise<ProxyCredentialView[]> {
    const remembered = (await this.keychain.availability()).available
      ? await this.keychain.list(PROXY_SECRET_SERVICE).catch(() => [])
      : [];
    const here = await this.session.list(PROXY_SECRET_SERVICE);
    const views: ProxyCredentialView[] = [];
    for (const proxy of [...new Set([...here, ...remembered])].sort()) {
      const credentials = await this.get(proxy);
      if (credentials)
        views.push({ proxy, username: credentials.username, remembered: remembered.includes(proxy) });
    }
    return views;
  }
}

function readStored(secret: string | null): ProxyCredentials | null {
  if (secret === null) return null;
  try {
    const parsed = storedSchema.safeParse(JSON.parse(secret));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
