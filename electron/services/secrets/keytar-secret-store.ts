import { AppError } from "../../../shared/errors.js";
import { withTimeout } from "../util/with-timeout.js";
import type { SecretStore, SecretStoreAvailability } from "./secret-store.js";

/** The slice of the keytar API this store uses (`@github/keytar`, the maintained fork of `keytar`). */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

const PROBE_SERVICE = "ccms-terminal-emulator/availability-probe";
const PROBE_TIMEOUT_MS = 5000;

/** Loads the native module; a machine without it gets a reason instead of a crash. */
export async function loadKeytar(): Promise<KeytarApi> {
  const loaded = (await import("@github/keytar")) as KeytarApi & { default?: KeytarApi };
  return loaded.default ?? loaded;
}

/**
 * The OS keychain through keytar: macOS Keychain, Windows Credential Manager,
 * the Secret Service (GNOME Keyring, KWallet) on Linux. Whether it works is
 * learnt once, by asking it for nothing: on Linux without a session bus keytar
 * throws "Cannot autolaunch D-Bus without X11 $DISPLAY", and without a
 * Secret Service "org.freedesktop.secrets was not provided"; both mean
 * "unavailable", with the reason kept for the UI.
 */
export class KeytarSecretStore implements SecretStore {
  private probe: Promise<{ api: KeytarApi | null; availability: SecretStoreAvailability }> | null = null;

  constructor(private readonly load: () => Promise<KeytarApi> = loadKeytar) {}

  availability(): Promise<SecretStoreAvailability> {
    return this.ready().then((ready) => ready.availability);
  }

  async get(service: string, account: string): Promise<string | null> {
    const api = await this.api();
    return this.guard(() => api.getPassword(service, account));
  }

  async set(service: string, account: string, secret: string): Promise<void> {
    const api = await this.api();
    await this.guard(() => api.setPassword(service, account, secret));
  }

  async delete(service: string, account: string): Promise<boolean> {
    const api = await this.api();
    return this.guard(() => api.deletePassword(service, account));
  }

  async list(service: string): Promise<string[]> {
    const api = await this.api();
    const found = await this.guard(() => api.findCredentials(service));
    return found.map((entry) => entry.account).sort();
  }

  private ready() {
    this.probe ??= (async () => {
      let api: KeytarApi;
      try {
        api = await this.load();
      } catch (error) {
        return {
          api: null,
          availability: unavailable(`the keychain module could not be loaded (${reasonOf(error)})`),
        };
      }
      try {
        await withTimeout(api.findCredentials(PROBE_SERVICE), PROBE_TIMEOUT_MS);
        return { api, availability: { available: true, reason: null } as const };
      } catch (error) {
        return { api: null, availability: unavailable(reasonOf(error)) };
      }
    })();
    return this.probe;
  }

  private async api(): Promise<KeytarApi> {
    const { api, availability } = await this.ready();
    if (!api) throw keychainError(availability.reason ?? "unknown");
    return api;
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw keychainError(reasonOf(error));
    }
  }
}

const unavailable = (reason: string): SecretStoreAvailability => ({ available: false, reason });

function keychainError(reason: string): AppError {
  return new AppError("KEYCHAIN_UNAVAILABLE", `This computer's keychain cannot be used: ${reason}.`, {
    reason,
  });
}

/** keytar's messages name the failure (D-Bus, Secret Service, a locked keyring), never a secret. */
function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, " ").trim().replace(/\.$/, "").slice(0, 300);
}
