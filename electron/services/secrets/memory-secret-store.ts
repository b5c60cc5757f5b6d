import type { SecretStore, SecretStoreAvailability } from "./secret-store.js";

/** Secrets held in this process only: for a computer without a keychain, and for a session's own use. */
export class MemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, Map<string, string>>();

  async availability(): Promise<SecretStoreAvailability> {
    return { available: true, reason: null };
  }

  async get(service: string, account: string): Promise<string | null> {
    return this.secrets.get(service)?.get(account) ?? null;
  }

  async set(service: string, account: string, secret: string): Promise<void> {
    let accounts = this.secrets.get(service);
    if (!accounts) this.secrets.set(service, (accounts = new Map()));
    accounts.set(account, secret);
  }

  async delete(service: string, account: string): Promise<boolean> {
    return this.secrets.get(service)?.delete(account) ?? false;
  }

  async list(service: string): Promise<string[]> {
    return [...(this.secrets.get(service)?.keys() ?? [])].sort();
  }
}
