import { MemorySecretStore } from "./memory-secret-store.js";
import type { SecretStore, SecretStoreAvailability } from "./secret-store.js";

/**
 * A secret kept as well as this computer allows: in the OS keychain where
 * there is one, in this run's memory otherwise (never in a file).
 */
export class KeychainOrMemorySecretStore implements SecretStore {
  private readonly memory = new MemorySecretStore();

  constructor(private readonly keychain: SecretStore) {}

  /** Always usable; the keychain's own availability says whether secrets outlive this run. */
  availability(): Promise<SecretStoreAvailability> {
    return this.keychain.availability();
  }

  async get(service: string, account: string): Promise<string | null> {
    return (await this.store()).get(service, account);
  }

  async set(service: string, account: string, secret: string): Promise<void> {
    await (await this.store()).set(service, account, secret);
  }

  async delete(service: string, account: string): Promise<boolean> {
    return (await this.store()).delete(service, account);
  }

  async list(service: string): Promise<string[]> {
    return (await this.store()).list(service);
  }

  private async store(): Promise<SecretStore> {
    return (await this.keychain.availability()).available ? this.keychain : this.memory;
  }
}
